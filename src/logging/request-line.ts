import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';

const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** The client's X-Request-Id when it is a sane token, else a new one; echoed on the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

export const pathOf = (req: IncomingMessage) => (req.url ?? '').split('?')[0];

/**
 * A 503 the app chose to answer (a busy password queue, password reset not configured,
 * the database out of reach, which the exception filter logs itself): a warning, not an
 * error line. A handler that fails still is one (res.err).
 */
export const isRefusal = (res: ServerResponse) => res.statusCode === 503 && !(res as ServerResponse & { err?: unknown }).err;

export const levelOf = (res: ServerResponse, err?: Error): Level =>
  err || (res.statusCode >= 500 && !isRefusal(res)) ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';

export const successMessage = (req: IncomingMessage, res: ServerResponse, ms: number) => `${req.method} ${pathOf(req)} ${res.statusCode} ${ms}ms`;

export const errorMessage = (req: IncomingMessage, res: ServerResponse) =>
  isRefusal(res) ? `${req.method} ${pathOf(req)} ${res.statusCode}` : `${req.method} ${pathOf(req)} ${res.statusCode} failed`;

/** What a line says of the request and the answer: never a header or a body, so never a token or a password. */
export const requestFields = (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] });
export const answerFields = (res: { statusCode: number }) => ({ status: res.statusCode });

/**
 * The request line of an answer that pino-http does not see (GET /stream, served before
 * the router: src/stream/stream-route.ts): the same fields and words as pino-http's, and
 * `logger` is pino-http's own, whose serializers turn `req` and `res` into their fields.
 */
export function logAnswer(logger: Logger, req: IncomingMessage & { id: string }, res: ServerResponse, startedAt: number): void {
  const ms = Date.now() - startedAt;
  const line = { reqId: req.id, req, res, responseTime: ms };
  logger[levelOf(res)](line, res.statusCode >= 500 ? errorMessage(req, res) : successMessage(req, res, ms));
}
