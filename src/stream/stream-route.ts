import { CanActivate, ForbiddenException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, RequestHandler, Response } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { ContractExceptionFilter } from '../http/contract-exception.filter';
import { ContractValidationPipe } from '../http/validation.pipe';
import { logAnswer, requestId } from '../logging/request-line';
import type { AuthenticatedUser } from '../sessions/token-users';
import { StreamQueryDto } from './dto/stream.dto';
import { StreamAuthGuard } from './stream-auth.guard';
import { StreamController } from './stream.controller';

const isStreamOpening = (req: IncomingMessage) => req.method === 'GET' && (req.url === '/stream' || req.url?.startsWith('/stream?') === true);

/**
 * GET /stream, served ahead of Express's router and Nest's request pipeline. A stream stays
 * open for hours, and whatever its request gathers on the way through them lives as long as
 * the stream: the router's continuations, Nest's execution context, pino-http's two loggers
 * (the first the prototype of the second, so with a hidden class of its own). With Express's
 * prototype swap (src/http/express-adapter.ts) that was 31-36 KB a stream, where 10,000
 * streams must fit in 200 MB; 12-13 KB now (docs/architecture.md).
 *
 * The opening takes the same steps, with the same instances, in the same order: what Express
 * does first (its request and response methods), the middleware every request meets
 * (beforeRouting, src/configure-app.ts), a request id and the request's log line, the
 * global guards given to Nest (`globalGuards`, then the stream's own, as Nest orders them; the
 * token's APP_GUARD defers to it, @AuthenticatedBy), the validation pipe over Express's parse
 * of the query, the controller's handler, and the exception filter for a refusal. What only
 * the router would take (`/stream/`, `/STREAM`, HEAD) still goes through it, to the same
 * handler.
 */
export function serveStreamsBeforeRouter(app: NestExpressApplication, beforeRouting: RequestHandler[], globalGuards: CanActivate[]): void {
  const server: Server = app.getHttpServer();
  const express = app.getHttpAdapter().getInstance() as Express;
  const controller = app.get(StreamController);
  const guards: CanActivate[] = [...globalGuards, app.get(StreamAuthGuard)];
  const pipe = new ContractValidationPipe();
  const filter = new ContractExceptionFilter();
  const contextOf = (req: Request, res: ServerResponse) => {
    const context = new ExecutionContextHost([req, res], StreamController, StreamController.prototype.open);
    context.setType('http');
    return context;
  };

  const open = async (req: Request, res: Response) => {
    // As the router would have them: the metrics' route label.
    req.baseUrl = '';
    req.route = { path: '/stream', methods: { get: true } };
    const context = contextOf(req, res);
    for (const guard of guards) {
      // As Nest answers a guard that says no without throwing.
      if (!(await (guard.canActivate(context) as boolean | Promise<boolean>))) throw new ForbiddenException();
    }
    const query = (await pipe.transform(req.query, { type: 'query', metatype: StreamQueryDto })) as StreamQueryDto;
    const lastEventId = req.headers['last-event-id'];
    await controller.open(req.user as AuthenticatedUser, query, typeof lastEventId === 'string' ? lastEventId : undefined, res);
  };

  const refuse = (req: Request, res: Response, err: unknown) => filter.catch(err, contextOf(req, res));

  server.removeListener('request', express);
  server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
    if (!isStreamOpening(incoming)) return express(incoming, outgoing);
    // As Express's app.handle: a no-op for the prototypes, which Node's server gave them (src/http/express-adapter.ts).
    const req = Object.setPrototypeOf(incoming, express.request) as Request;
    const res = Object.setPrototypeOf(outgoing, express.response) as Response;
    req.res = res;
    res.req = req;
    const step = (i: number): void => {
      if (i < beforeRouting.length) return void beforeRouting[i](req, res, (err?: unknown) => (err ? refuse(req, res, err) : step(i + 1)));
      req.id = requestId(req, res);
      const startedAt = Date.now();
      res.once('close', () => logAnswer(PinoLogger.root, req as Request & { id: string }, res, startedAt));
      open(req, res).catch((err: unknown) => refuse(req, res, err));
    };
    step(0);
  });
}
