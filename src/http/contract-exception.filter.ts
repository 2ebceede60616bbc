import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, sqlState } from '../database/database-errors';
import { RequestValidationError } from './request-validation.error';

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
      // Nest's router raises a NotFoundException when no route matched; express sets
      // req.route only when one did. A path served under other methods is a 405.
      if (status === HttpStatus.NOT_FOUND && !req.route) return routeNotFound(req);
      const answer: ErrorAnswer = { status, detail: messageOf(exception) };
      if (status === HttpStatus.UNAUTHORIZED) answer.headers = { 'WWW-Authenticate': 'Bearer' };
      return answer;
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      return { status: HttpStatus.SERVICE_UNAVAILABLE, detail: 'Service temporarily unavailable, try again shortly' };
    }
    const code = sqlState(exception);
    if (code === PG_UNIQUE_VIOLATION || code === PG_FOREIGN_KEY_VIOLATION) {
      // Services map the violations they expect to precise messages; this is the safety net.
      return { status: HttpStatus.CONFLICT, detail: 'The request conflicts with the current state of the resource' };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, detail: 'Internal Server Error' };
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return exception.message;
}

interface RouterLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

function routeNotFound(req: Request): ErrorAnswer {
  const stack: RouterLayer[] = (req.app as unknown as { router?: { stack: RouterLayer[] } }).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(req.path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.size > 0 && !methods.has(req.method)) {
    if (methods.has('GET')) methods.add('HEAD');
    return { status: HttpStatus.METHOD_NOT_ALLOWED, detail: 'Method Not Allowed', headers: { Allow: [...methods].sort().join(', ') } };
  }
  return { status: HttpStatus.NOT_FOUND, detail: 'Not Found' };
}
