import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

export class HttpErrorDto {
  @ApiProperty({ example: 'Not Found' })
  detail: string;
}

export class ValidationIssueDto {
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, example: ['body', 'title'] })
  loc: (string | number)[];

  @ApiProperty({ example: 'Field required' })
  msg: string;

  @ApiProperty({ example: 'missing' })
  type: string;
}

export class ValidationErrorDto {
  @ApiProperty({ type: [ValidationIssueDto] })
  detail: ValidationIssueDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Missing, malformed or expired token ("Not authenticated" / "Could not validate credentials")',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body too large',
  429: 'Too many requests',
};

/** Documents the error answers of a route in the contract's shapes. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      status === 422
        ? ApiResponse({ status, description: 'Validation error', type: ValidationErrorDto })
        : ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: HttpErrorDto }),
    ),
  );
}
