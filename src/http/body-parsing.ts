import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { Observable } from 'rxjs';
import { RequestValidationError } from './request-validation.error';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

type RequestWithBodyError = Request & { bodyError?: BodyParserError };

/**
 * JSON and form body parsers whose failures are held on the request instead of
 * answered at once, so that the route's guard runs first: the contract wants a
 * 401 for a request without a valid token even when its body is malformed.
 */
export function bodyParsers(limitBytes: number) {
  const holdError = (err: BodyParserError, req: Request, _res: Response, next: NextFunction) => {
    if (err.type === undefined && err.status === undefined) return next(err);
    (req as RequestWithBodyError).bodyError = err;
    req.body = undefined;
    next();
  };
  return [
    express.json({ limit: limitBytes }),
    express.urlencoded({ limit: limitBytes, extended: false }),
    holdError,
  ];
}

/** Throws, after the guards, the body error that `bodyParsers` held. */
@Injectable()
export class BodyErrorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const err = context.switchToHttp().getRequest<RequestWithBodyError>().bodyError;
    if (err) throw toHttpError(err);
    return next.handle();
  }
}

/** The one answer to a body over BODY_LIMIT_BYTES, whichever parser found it. */
export const bodyTooLarge = () => new PayloadTooLargeException('Request body too large');

function toHttpError(err: BodyParserError) {
  if (err.type === 'entity.too.large' || err.status === HttpStatus.PAYLOAD_TOO_LARGE) return bodyTooLarge();
  if (err.type === 'entity.parse.failed') {
    const position = /position (\d+)/.exec(err.message)?.[1];
    return RequestValidationError.single(['body', position ? Number(position) : 0], 'JSON decode error', 'json_invalid');
  }
  // body-parser's own messages (unsupported charset or encoding, aborted upload) are safe to show.
  return new HttpException(err.message, err.status ?? HttpStatus.BAD_REQUEST);
}
