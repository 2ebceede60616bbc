import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse, ApiSchema } from '@nestjs/swagger';
import type { HeadersObject, OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { isOpen, PUBLIC_OPERATION, type PublicRule } from '../auth/public.decorator';
import type { AppConfig } from '../config/app-config';

@ApiSchema({ name: 'HTTPError' })
export class HttpErrorDto {
  @ApiProperty({ example: 'Not Found' })
  detail: string;
}

@ApiSchema({ name: 'ValidationError' })
export class ValidationIssueDto {
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, example: ['body', 'title'] })
  loc: (string | number)[];

  @ApiProperty({ example: 'Field required' })
  msg: string;

  @ApiProperty({ example: 'missing' })
  type: string;
}

@ApiSchema({ name: 'HTTPValidationError' })
export class ValidationErrorDto {
  @ApiProperty({ type: [ValidationIssueDto] })
  detail: ValidationIssueDto[];
}

const header = (description: string, example: string): HeadersObject[string] => ({ description, schema: { type: 'string', example } });

/** Every error status the API answers, as the document describes it. */
const ERRORS: Record<number, { description: string; headers?: HeadersObject }> = {
  400: { description: 'The request cannot be carried out' },
  401: {
    description: 'Missing, malformed or expired token, or an ended session ("Not authenticated" / "Could not validate credentials")',
    headers: { 'WWW-Authenticate': header('The scheme to authenticate with', 'Bearer') },
  },
  403: { description: 'Forbidden' },
  404: { description: 'Not found' },
  405: {
    description: 'The path does not take this method',
    headers: { Allow: header('The methods the path takes', 'GET, POST') },
  },
  409: { description: 'Conflict' },
  413: { description: 'Request body too large' },
  422: { description: 'Validation error: one entry per problem, `loc` names the field' },
  429: {
    description: 'Too many requests',
    headers: { 'Retry-After': { description: 'Seconds until the next attempt is taken', schema: { type: 'integer', example: 60 } } },
  },
  500: { description: 'Unexpected failure ("Internal Server Error"; never a stack trace or SQL)' },
  503: {
    description: 'The database cannot be reached, the server is too busy (then with Retry-After), or the feature is not configured; retry later',
    headers: { 'Retry-After': { description: 'When the server is too busy: seconds to wait', schema: { type: 'integer', example: 2 } } },
  },
};

const errorResponse = (status: number) =>
  ApiResponse({ status, ...ERRORS[status], type: status === 422 ? ValidationErrorDto : HttpErrorDto });

/**
 * Documents the error answers particular to a route. The ones every route shares
 * (405, 500) and the ones every route behind the token check shares (401, 503)
 * are added by `completeDocument`.
 */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(...statuses.map(errorResponse));
}


/**
 * The document-wide rules, applied to what Nest generated from the controllers:
 * routes need the OAuth2 token unless they are public (`security: []`), and
 * every route declares the errors any route can answer.
 */
export function completeDocument(document: OpenAPIObject, securityScheme: string, config: Pick<AppConfig, 'userEmails'>): OpenAPIObject {
  document.security = [{ [securityScheme]: [] }];
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation: (OperationObject & { [PUBLIC_OPERATION]?: PublicRule }) | undefined = path[method];
      if (!operation) continue;
      const shared = [405, 500];
      const open = isOpen(operation[PUBLIC_OPERATION], config);
      delete operation[PUBLIC_OPERATION];
      if (open) {
        operation.security = [];
      } else {
        delete operation.security;
        // The token check reads the token's user and session.
        shared.push(401, 503);
      }
      for (const status of shared) operation.responses[status] ??= sharedError(status);
    }
  }
  return document;
}

/** Needs HttpErrorDto among the document's models (`extraModels`). */
const sharedError = (status: number): ResponseObject => ({
  ...ERRORS[status],
  content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } },
});
