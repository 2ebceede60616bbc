import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';
import { answerFields, errorMessage, isRefusal, levelOf, pathOf, requestFields, requestId, successMessage } from './request-line';

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
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => levelOf(res, err),
    customSuccessMessage: successMessage,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse, _err: Error) => errorMessage(req, res),
    // pino-http adds a made-up error, with its stack, to every 5xx line; a refusal is none.
    customErrorObject: (_req: IncomingMessage, res: ServerResponse, _err: Error, value: Record<string, unknown>) => {
      if (isRefusal(res)) delete value.err;
      return value;
    },
    serializers: { req: requestFields, res: answerFields },
  };
}
