import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable, PG_FOREIGN_KEY_VIOLATION, PG_READ_ONLY_SQL_TRANSACTION, PG_UNIQUE_VIOLATION, sqlState } from '../database/database-errors';
import { nameIdsAsSent } from './parse-id.pipe';
import { RequestValidationError } from './request-validation.error';
import { RetryLaterException } from './too-many-requests.exception';

interface ErrorAnswer {
  status: number;
  detail: unknown;
  headers?: Record<string, string>;
}

/**
 * The one place where failures become answers, in the contract's shapes:
 * `{"detail": "..."}` (or FastAPI's list of issues for a 422), never a stack
 * trace, SQL text or driver message.
 */
@Catch()
export class ContractExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const answer = this.answerFor(exception, req);
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.status(answer.status).json({ detail: answer.detail });
  }

  private answerFor(exception: unknown, req: Request): ErrorAnswer {
    if (exception instanceof RequestValidationError) {
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, detail: exception.issues };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      let detail = detailOf(exception);
      if (status === HttpStatus.NOT_FOUND) {
        const unrouted = unroutedAnswer(req);
        if (unrouted) return unrouted;
        if (typeof detail === 'string') detail = nameIdsAsSent(detail, req.params);
      }
      const answer: ErrorAnswer = { status, detail };
      if (status === HttpStatus.UNAUTHORIZED) answer.headers = { 'WWW-Authenticate': 'Bearer' };
      if (exception instanceof RetryLaterException) answer.headers = { 'Retry-After': String(exception.retryAfterSeconds) };
      return answer;
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      return { status: HttpStatus.SERVICE_UNAVAILABLE, detail: 'Service temporarily unavailable, try again shortly' };
    }
    const code = sqlState(exception);
    if (code === PG_READ_ONLY_SQL_TRANSACTION) {
      // A write reached a server that only reads: DATABASE_URL (or a pooler) points at a standby,
      // or at a primary being demoted in a failover. The client can retry once it points back.
      this.logger.error(`database is read-only: ${(exception as Error).message}`);
      return { status: HttpStatus.SERVICE_UNAVAILABLE, detail: 'Service temporarily unavailable, try again shortly' };
    }
    if (code === PG_UNIQUE_VIOLATION || code === PG_FOREIGN_KEY_VIOLATION) {
      // Services map the violations they expect to precise messages; this is the safety net.
      return { status: HttpStatus.CONFLICT, detail: 'The request conflicts with the current state of the resource' };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, detail: 'Internal Server Error' };
  }
}

/** The message, or for an exception that carries a report instead (a failed health check), the report. */
function detailOf(exception: HttpException): unknown {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return response;
}

interface RouterLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

/**
 * Nest answers a request that matched no route with a NotFoundException. Such a
 * request gets FastAPI's plain 404, or a 405 when the path is served under other
 * methods. The catch-all routes Nest makes for middleware do not count.
 */
function unroutedAnswer(req: Request): ErrorAnswer | undefined {
  const stack: RouterLayer[] = (req.app as unknown as { router?: { stack: RouterLayer[] } }).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || isMiddlewareRoute(layer.route.methods) || !layer.match(req.path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on) methods.add(method.toUpperCase());
  }
  if (methods.has(req.method) || (req.method === 'HEAD' && methods.has('GET'))) return undefined;
  if (methods.size === 0) return { status: HttpStatus.NOT_FOUND, detail: 'Not Found' };
  if (methods.has('GET')) methods.add('HEAD');
  return { status: HttpStatus.METHOD_NOT_ALLOWED, detail: 'Method Not Allowed', headers: { Allow: [...methods].sort().join(', ') } };
}

/** Nest mounts middleware as routes for every method; a handler's route has one. */
function isMiddlewareRoute(methods: Record<string, boolean>): boolean {
  return methods._all || Object.keys(methods).length > 1;
}
