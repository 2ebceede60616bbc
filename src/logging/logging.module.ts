import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';

const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** The client's X-Request-Id when it is a sane token, else a new one; echoed on the response. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

const pathOf = (req: IncomingMessage) => (req.url ?? '').split('?')[0];

/**
 * A 503 the app chose to answer (a busy password queue, password reset not configured,
 * the database out of reach, which the exception filter logs itself): a warning, not an
 * error line. A handler that fails still is one (res.err).
 */
const isRefusal = (res: ServerResponse) => res.statusCode === 503 && !(res as ServerResponse & { err?: unknown }).err;

/**
 * One JSON line per request (method, path, status, duration, request id) with
 * pino; pretty lines in development. Bodies and headers are not logged at all,
 * so no password, token or Authorization header can reach a log line.
 */
@Module({})
export class LoggingModule {
  /** `destination` replaces stdout (the tests read the lines); JSON lines then, never pretty ones. */
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ pinoHttp: destination ? [pinoOptions(config, false), destination] : pinoOptions(config, config.prettyLogs) }),
        }),
      ],
    };
  }
}

function pinoOptions(config: AppConfig, pretty: boolean) {
  return {
    level: config.logLevel,
    transport: pretty ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } : undefined,
    genReqId: requestId,
    quietReqLogger: true,
    autoLogging: { ignore: (req: IncomingMessage) => pathOf(req) === '/health' },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || (res.statusCode >= 500 && !isRefusal(res)) ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) => `${req.method} ${pathOf(req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse, _err: Error) =>
      isRefusal(res) ? `${req.method} ${pathOf(req)} ${res.statusCode}` : `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
    // pino-http adds a made-up error, with its stack, to every 5xx line; a refusal is none.
    customErrorObject: (_req: IncomingMessage, res: ServerResponse, _err: Error, value: Record<string, unknown>) => {
      if (isRefusal(res)) delete value.err;
      return value;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  };
}
