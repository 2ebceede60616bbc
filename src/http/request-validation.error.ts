import { HttpException, HttpStatus } from '@nestjs/common';

export type IssueLocation = 'body' | 'query' | 'path' | 'header';

/** One problem with a request, shaped as FastAPI (pydantic) reports it. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** 422 with `{"detail": [ValidationIssue, ...]}`; the exception filter renders it. */
export class RequestValidationError extends HttpException {
  constructor(readonly issues: ValidationIssue[]) {
    super({ detail: issues }, HttpStatus.UNPROCESSABLE_ENTITY);
  }

  static single(loc: (string | number)[], msg: string, type: string): RequestValidationError {
    return new RequestValidationError([{ loc, msg, type }]);
  }
}
