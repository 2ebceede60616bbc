import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './request-validation.error';

/**
 * Path ids: anything that is not an integer is a 422, as in FastAPI. An integer
 * is passed on even when no row could have it, so that the service answers 404.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (!/^\s*[+-]?\d+\s*$/.test(value)) {
      throw RequestValidationError.single(
        ['path', metadata.data ?? 'id'],
        'Input should be a valid integer, unable to parse string as an integer',
        'int_parsing',
      );
    }
    return Number(value);
  }
}
