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

const QUERY_AT = '/stream?'.length;

const isStreamOpening = (req: IncomingMessage) => req.method === 'GET' && (req.url === '/stream' || req.url?.startsWith('/stream?') === true);

/**
 * GET /stream, served ahead of Express's router and Nest's request pipeline. A stream stays
 * open for hours, and whatever a request gathers on its way through them lives as long as
 * the stream: the router's continuations, pino-http's two loggers, and above all a hidden
 * class of its own for every request and response, which V8 makes when Express swaps their
 * prototypes (31-36 KB a stream in all, where 10,000 streams must fit in 200 MB).
 *
 * The opening takes the same steps, with the same instances, in the same order: the
 * middleware every request meets (beforeRouting, src/configure-app.ts), a request id and the
 * request's log line, the stream's guard, the validation pipe over the query parsed by
 * Express's own parser, the controller's handler; a refusal is written by the exception
 * filter, with Express's methods given to that request alone. The global guards have nothing
 * to do here: RecordWrites passes a GET, and no body is read for a body error to be held.
 * What only the router would take (`/stream/`, `/STREAM`, HEAD) still goes through it, to
 * the same handler.
 */
export function serveStreamsBeforeRouter(app: NestExpressApplication, beforeRouting: RequestHandler[]): void {
  const server: Server = app.getHttpServer();
  const express = app.getHttpAdapter().getInstance() as Express;
  const parseQuery = express.get('query parser fn') as (text: string) => Request['query'];
  const controller = app.get(StreamController);
  const guard = app.get(StreamAuthGuard);
  const pipe = new ContractValidationPipe();
  const filter = new ContractExceptionFilter();
  const contextOf = (req: Request, res: ServerResponse) => {
    const context = new ExecutionContextHost([req, res], StreamController, StreamController.prototype.open);
    context.setType('http');
    return context;
  };

  const open = async (req: Request, res: ServerResponse) => {
    // As the router would have them: the metrics' route label.
    req.baseUrl = '';
    req.route = { path: '/stream', methods: { get: true } };
    req.query = parseQuery(req.url.length > QUERY_AT ? req.url.slice(QUERY_AT) : '');
    // canActivate refuses by throwing (401); it has no false answer.
    await guard.canActivate(contextOf(req, res));
    const query = (await pipe.transform(req.query, { type: 'query', metatype: StreamQueryDto })) as StreamQueryDto;
    const lastEventId = req.headers['last-event-id'];
    await controller.open(req.user as AuthenticatedUser, query, typeof lastEventId === 'string' ? lastEventId : undefined, res);
  };

  const refuse = (req: Request, res: ServerResponse, err: unknown) => {
    const response = Object.setPrototypeOf(res, express.response) as Response;
    response.req = Object.setPrototypeOf(req, express.request) as Request;
    req.res = response;
    filter.catch(err, contextOf(req, response));
  };

  server.removeListener('request', express);
  server.on('request', (incoming: IncomingMessage, res: ServerResponse) => {
    if (!isStreamOpening(incoming)) return express(incoming, res);
    const req = incoming as Request;
    const step = (i: number): void => {
      if (i < beforeRouting.length) return void beforeRouting[i](req, res as Response, (err?: unknown) => (err ? refuse(req, res, err) : step(i + 1)));
      req.id = requestId(req, res);
      const startedAt = Date.now();
      res.once('close', () => logAnswer(PinoLogger.root, req as Request & { id: string }, res, startedAt));
      open(req, res).catch((err: unknown) => refuse(req, res, err));
    };
    step(0);
  });
}
