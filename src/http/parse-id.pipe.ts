import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { messages, parseDecimalInteger } from './fields';
import { RequestValidationError } from './request-validation.error';

/** The names of the route parameters that hold ids (every `@IdParam()`), for `nameIdsAsSent`. */
const ID_PARAMS = new Set<string>();

export function registerIdParam(name: string): void {
  ID_PARAMS.add(name);
}

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

/**
 * A 404's message as FastAPI words it, with each id named as the client wrote it: an
 * id beyond 2^53 reaches the services as the nearest double (9007199254740993 as
 * ...992, larger ones in exponent notation), and they word their messages with it.
 * Python's int has no such limit, so the course names the id exactly; so do we, here,
 * in one place, rather than with an id type of two kinds in every service.
 */
export function nameIdsAsSent(detail: string, params: Record<string, string | string[]> | undefined): string {
  for (const [name, text] of Object.entries(params ?? {})) {
    if (!ID_PARAMS.has(name) || typeof text !== 'string') continue;
    const id = parseDecimalInteger(text);
    if (id === undefined || Number.isSafeInteger(id)) continue;
    detail = detail.replace(`id: ${id}`, `id: ${BigInt(text.trim())}`);
  }
  return detail;
}
