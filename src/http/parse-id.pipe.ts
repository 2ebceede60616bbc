import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { messages, parseDecimalInteger } from './fields';
import { RequestValidationError } from './request-validation.error';

/**
 * Path ids: anything that is not an integer is a 422, as in FastAPI. An integer
 * is passed on even when no row could have it, so that the service answers 404.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = parseDecimalInteger(value);
    if (id === undefined) throw RequestValidationError.single(['path', metadata.data ?? 'id'], messages.integerString, 'int_parsing');
    return id;
  }
}
