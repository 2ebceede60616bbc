import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Max, Min, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/**
 * The field decorators of every DTO: each puts a field's type, bounds, pydantic's
 * wording of its failures and its OpenAPI description in one place, so that the
 * document, the validator and the messages cannot disagree.
 */

/** pydantic's message for each kind of failure. */
export const messages = {
  string: 'Input should be a valid string',
  boolean: 'Input should be a valid boolean',
  integer: 'Input should be a valid integer',
  integerString: 'Input should be a valid integer, unable to parse string as an integer',
  tooShort: (n: number) => `String should have at least ${n} character${n === 1 ? '' : 's'}`,
  tooLong: (n: number) => `String should have at most ${n} characters`,
  atLeast: (n: number) => `Input should be greater than or equal to ${n}`,
  atMost: (n: number) => `Input should be less than or equal to ${n}`,
  oneOf: (values: readonly unknown[]) => `Input should be ${values.slice(0, -1).join(', ')}${values.length > 1 ? ' or ' : ''}${values.at(-1)}`,
};

const message = (text: string): ValidationOptions => ({ message: text });

/**
 * Lengths count Unicode code points, the unit of PostgreSQL's char_length, so the
 * validator and the database's CHECK constraints agree on every string
 * (class-validator's own length rules skip variation selectors).
 */
export const codePoints = (value: string): number => {
  let n = 0;
  for (const _ of value) n++;
  return n;
};

const MinCodePoints = (min: number) =>
  ValidateBy({ name: 'minLength', validator: { validate: (v) => typeof v !== 'string' || codePoints(v) >= min } }, message(messages.tooShort(min)));
const MaxCodePoints = (max: number) =>
  ValidateBy({ name: 'maxLength', validator: { validate: (v) => typeof v !== 'string' || codePoints(v) <= max } }, message(messages.tooLong(max)));

interface FieldOptions {
  /** May be left out. `null` is still refused: the columns behind these fields are NOT NULL. */
  optional?: boolean;
  description?: string;
  example?: unknown;
}

// Not class-validator's IsOptional, which lets null through as well as absence.
const documented = ({ optional, ...api }: FieldOptions & ApiPropertyOptions) =>
  optional ? [ApiPropertyOptional(api as ApiPropertyOptions), ValidateIf((_, value) => value !== undefined)] : [ApiProperty(api as ApiPropertyOptions)];

/** A JSON string (nothing is coerced into one), `minLength`..`maxLength` code points. */
export function TextField({ minLength, maxLength, ...options }: FieldOptions & { minLength?: number; maxLength?: number; format?: string }) {
  return applyDecorators(
    ...documented({ ...options, type: 'string', minLength, maxLength }),
    IsString(message(messages.string)),
    ...(minLength !== undefined ? [MinCodePoints(minLength)] : []),
    ...(maxLength !== undefined ? [MaxCodePoints(maxLength)] : []),
  );
}

/** A JSON boolean (not "true", not 1). */
export function BooleanField(options: FieldOptions & { default?: boolean } = {}) {
  return applyDecorators(...documented({ ...options, type: 'boolean' }), IsBoolean(message(messages.boolean)));
}

/** A JSON integer, optionally one of `values`. */
export function IntegerField({ values, ...options }: FieldOptions & { values?: readonly number[] } = {}) {
  return applyDecorators(
    ...documented({ ...options, type: 'integer', ...(values ? { enum: [...values] } : {}) }),
    IsInt(message(messages.integer)),
    ...(values ? [IsIn([...values], message(messages.oneOf(values)))] : []),
  );
}

/** A query parameter holding an integer in `minimum`..`maximum`, `default` when absent. */
export function QueryIntegerField({ minimum, maximum, ...options }: FieldOptions & { minimum: number; maximum: number; default: number }) {
  return applyDecorators(
    ...documented({ ...options, optional: true, type: 'integer', minimum, maximum }),
    Type(() => Number),
    IsInt(message(messages.integerString)),
    Min(minimum, message(messages.atLeast(minimum))),
    Max(maximum, message(messages.atMost(maximum))),
  );
}
