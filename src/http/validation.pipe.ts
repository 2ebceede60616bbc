import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { NotJsonBody } from './body-parsing';
import { IssueLocation, RequestValidationError, ValidationIssue } from './request-validation.error';

/** class-validator constraint → pydantic error type, in the order that decides which one is reported. */
const ISSUE_TYPES: [constraint: string, type: string][] = [
  ['isString', 'string_type'],
  ['storableText', 'string_unicode'],
  ['isBoolean', 'bool_type'],
  ['isInt', 'int_parsing'],
  ['isIn', 'literal_error'],
  ['minLength', 'string_too_short'],
  ['maxLength', 'string_too_long'],
  ['isEmail', 'value_error'],
  ['byteLength', 'value_error'],
  ['min', 'greater_than_equal'],
  ['max', 'less_than_equal'],
  ['matches', 'string_pattern_mismatch'],
];

const LOCATIONS: Record<ArgumentMetadata['type'], IssueLocation> = {
  body: 'body',
  query: 'query',
  param: 'path',
  custom: 'body',
};

/** Carries class-validator's errors out of the pipe, which then adds where they came from. */
class UnlocatedValidationError extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('validation failed');
  }
}

/**
 * Nest's ValidationPipe, reporting failures as FastAPI does: one issue per field,
 * `loc` starting with where the field came from.
 */
@Injectable()
export class ContractValidationPipe extends ValidationPipe {
  constructor() {
    super({
      // Unknown fields are dropped, not rejected: the course's clients send `id` inside PUT bodies.
      whitelist: true,
      forbidNonWhitelisted: false,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new UnlocatedValidationError(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Path parameters are parsed by their own pipes (ParseIdPipe), from the raw string.
    if (metadata.type === 'param') return value;
    const where = LOCATIONS[metadata.type];
    if (metadata.type === 'body' && this.toValidate(metadata)) {
      if (value === undefined || value === null) {
        throw RequestValidationError.single([where], 'Field required', 'missing');
      }
      if (typeof value !== 'object' || Array.isArray(value) || value instanceof NotJsonBody) {
        throw RequestValidationError.single(
          [where],
          'Input should be a valid dictionary or object to extract fields from',
          'model_attributes_type',
        );
      }
    }
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (err instanceof UnlocatedValidationError) {
        throw new RequestValidationError(err.errors.flatMap((e) => toIssues(e, [where])));
      }
      throw err;
    }
  }
}

function toIssues(error: ValidationError, parent: (string | number)[]): ValidationIssue[] {
  const loc = [...parent, error.property];
  const nested = (error.children ?? []).flatMap((child) => toIssues(child, loc));
  const constraints = error.constraints ?? {};
  if (Object.keys(constraints).length === 0) return nested;
  if (error.value === undefined) return [{ loc, msg: 'Field required', type: 'missing' }, ...nested];
  const [constraint, type] = ISSUE_TYPES.find(([name]) => name in constraints) ?? [
    Object.keys(constraints)[0],
    'value_error',
  ];
  return [{ loc, msg: constraints[constraint], type }, ...nested];
}
