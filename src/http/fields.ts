import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isEmail, IsBoolean, IsIn, IsInt, IsString, Max, Min, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

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
  nul: 'Input should be a string without the NUL character (\\u0000), which PostgreSQL cannot store',
  surrogate: 'Input should be a valid string, unable to parse raw data as a unicode string',
  email: 'value is not a valid email address',
  passwordBytes: (min: number, max: number) => `password must be ${min} to ${max} bytes long`,
  oneOf: (values: readonly unknown[]) => `Input should be ${values.slice(0, -1).join(', ')}${values.length > 1 ? ' or ' : ''}${values.at(-1)}`,
};

export const message = (text: string): ValidationOptions => ({ message: text });

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

/**
 * Text PostgreSQL can store unchanged: no NUL character (the server refuses it) and
 * well-formed UTF-16 (a lone surrogate would be stored as U+FFFD, not as sent).
 */
export const isStorableText = (value: string): boolean => value.isWellFormed() && !value.includes('\0');

const StorableText = () =>
  ValidateBy(
    { name: 'storableText', validator: { validate: (v) => typeof v !== 'string' || isStorableText(v) } },
    { message: ({ value }) => (typeof value === 'string' && value.includes('\0') ? messages.nul : messages.surrogate) },
  );

const MinCodePoints = (min: number) =>
  ValidateBy({ name: 'minLength', validator: { validate: (v) => typeof v !== 'string' || codePoints(v) >= min } }, message(messages.tooShort(min)));
const MaxCodePoints = (max: number) =>
  ValidateBy({ name: 'maxLength', validator: { validate: (v) => typeof v !== 'string' || codePoints(v) <= max } }, message(messages.tooLong(max)));

interface FieldOptions {
  /** May be left out. `null` is still refused: the columns behind these fields are NOT NULL. */
  optional?: boolean;
  /** Required, and validated, only when this holds for the whole object (documented as optional). */
  requiredWhen?: (object: never) => boolean;
  description?: string;
  example?: unknown;
  /**
   * For query parameters. A body property with a `default` in the schema comes out of
   * openapi-typescript as always present, so a client would have to send it: body
   * fields say their default in the description instead.
   */
  default?: unknown;
}

// Not class-validator's IsOptional, which lets null through as well as absence.
const documented = ({ optional, requiredWhen, ...api }: FieldOptions & ApiPropertyOptions) => {
  if (optional) return [ApiPropertyOptional(api as ApiPropertyOptions), ValidateIf((_, value) => value !== undefined)];
  if (requiredWhen) return [ApiPropertyOptional(api as ApiPropertyOptions), ValidateIf((object) => requiredWhen(object as never))];
  return [ApiProperty(api as ApiPropertyOptions)];
};

/**
 * A string (JSON strings only: nothing is coerced into one) PostgreSQL can store, `minLength`..`maxLength` code points.
 * `storable: false` lifts the storable-text rule, for a value that is never stored and whose
 * handler answers any content alike (the login's password: a wrong password, whatever it holds).
 */
export function TextField({
  minLength,
  maxLength,
  storable = true,
  ...options
}: FieldOptions & { minLength?: number; maxLength?: number; format?: string; pattern?: string; storable?: boolean }) {
  return applyDecorators(
    ...documented({ ...options, type: 'string', minLength, maxLength }),
    IsString(message(messages.string)),
    ...(storable ? [StorableText()] : []),
    ...(minLength !== undefined ? [MinCodePoints(minLength)] : []),
    ...(maxLength !== undefined ? [MaxCodePoints(maxLength)] : []),
  );
}

/**
 * An e-mail address as stored and looked up: trimmed, lower-cased and in Unicode NFC,
 * so that two addresses that differ only in letter case or in how an accented letter
 * is composed are one account.
 */
export const normaliseEmail = (value: string): string => value.trim().toLowerCase().normalize('NFC');

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Why an e-mail is refused, or undefined. Beyond validator's isEmail: no control
 * characters and no quoted local part (`"a\r\nb <c>"@example.com`), which isEmail
 * lets through: a mail header cannot carry them as they are, so a reset mail could
 * not reach such an account.
 */
function emailProblem(value: string): string | undefined {
  if (CONTROL_CHARACTER.test(value)) return `${messages.email}: it holds a control character`;
  if (value.includes('"')) return `${messages.email}: quoted local parts are not accepted`;
  return isEmail(value) ? undefined : messages.email;
}

/** An e-mail address, normalised as stored (`normaliseEmail`), at most 254 code points. */
export function EmailField(options: FieldOptions = {}) {
  return applyDecorators(
    TextField({ ...options, maxLength: 254, format: 'email', description: 'Trimmed, and stored lower-case and in Unicode NFC' }),
    Transform(({ value }) => (typeof value === 'string' ? normaliseEmail(value) : value)),
    // Only on storable text: validator's isEmail throws on ill-formed UTF-16.
    ValidateBy(
      { name: 'isEmail', validator: { validate: (v) => typeof v !== 'string' || !isStorableText(v) || emailProblem(v) === undefined } },
      { message: ({ value }) => (typeof value === 'string' && emailProblem(value)) || messages.email },
    ),
  );
}

/** A JSON boolean (not "true", not 1). */
export function BooleanField(options: FieldOptions = {}) {
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

/**
 * The integer a query or path parameter spells in decimal, as FastAPI reads it
 * (`0x10`, `1e1` and `1.0` are not integers), else undefined.
 */
export function parseDecimalInteger(text: string): number | undefined {
  return /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** A query parameter holding an integer in `minimum`..`maximum`, `default` (if any) when absent. */
export function QueryIntegerField({ minimum, maximum, ...options }: FieldOptions & { minimum: number; maximum: number; default?: number }) {
  return applyDecorators(
    ...documented({ ...options, optional: true, type: 'integer', minimum, maximum }),
    // Anything else stays as given, and IsInt refuses it.
    Transform(({ value }) => (typeof value === 'string' ? (parseDecimalInteger(value) ?? value) : value)),
    IsInt(message(messages.integerString)),
    Min(minimum, message(messages.atLeast(minimum))),
    Max(maximum, message(messages.atMost(maximum))),
  );
}
