import { Logger } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { AppConfig } from './config/app-config';
import { setUpDocs } from './docs';
import { RecordWrites } from './database/read-routing';
import { bodyParsers, GlobalRequestBodyGuard } from './http/body-parsing';
import { ContractExceptionFilter } from './http/contract-exception.filter';
import { PrototypedExpressAdapter } from './http/express-adapter';
import { keepMalformedEscapes } from './http/path-escapes';
import { httpMetrics } from './metrics/http-metrics';
import { Metrics } from './metrics/metrics';
import { proxyHopsCheck } from './rate-limit/client-address';
import { ContractValidationPipe } from './http/validation.pipe';
import { serveStreamsBeforeRouter } from './stream/stream-route';
import { serveWebApp } from './web-app/serve-web-app';

/** Builds the application exactly as production runs it; main.ts and the tests both use this. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), new PrototypedExpressAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  configureApp(app, config);
  if (config.secretKeyGenerated) {
    new Logger('Config').warn('SECRET_KEY is not set: using a random key, so tokens stop working when the process restarts');
  }
  if (!config.passwordResetEnabled) {
    new Logger('Config').warn('SMTP_URL is not set: password reset is off (POST /password-reset answers 503) until SMTP_URL and PASSWORD_RESET_URL are set');
  }
  return app;
}

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  // FastAPI sends no ETag; hashing every response body for one costs CPU on every read.
  app.set('etag', false);
  // Behind a load balancer, the client address (used by the rate limits) comes from X-Forwarded-For.
  app.set('trust proxy', config.trustProxyHops);
  const edge = beforeRouting(app, config);
  app.use(...edge);
  app.use(...bodyParsers(config.bodyLimitBytes));
  app.useGlobalPipes(new ContractValidationPipe());
  // Both after the token's guard (an APP_GUARD, registered when the app was created): RecordWrites
  // needs the token's user, and a held body error must not come before a 401.
  const globalGuards = [app.get(RecordWrites), new GlobalRequestBodyGuard(app.get(Reflector))];
  app.useGlobalGuards(...globalGuards);
  app.useGlobalFilters(new ContractExceptionFilter());
  answerUnparsableRequests(app.getHttpServer());
  serveStreamsBeforeRouter(app, edge, globalGuards);
  setUpDocs(app, config);
  serveWebApp(app.getHttpAdapter().getInstance());
}

/**
 * What every request meets before the router, in this order; GET /stream, served ahead of
 * the router (src/stream/stream-route.ts), meets the same.
 */
function beforeRouting(app: NestExpressApplication, config: AppConfig): RequestHandler[] {
  const proxyCheck = proxyHopsCheck(config);
  return [
    // First, so that every answer is measured.
    ...(config.metricsPort !== undefined ? [httpMetrics(app.get(Metrics))] : []),
    // Before the router, which refuses such paths with a 400.
    keepMalformedEscapes,
    ...(proxyCheck ? [proxyCheck] : []),
    // helmet also drops X-Powered-By.
    helmet({
      contentSecurityPolicy: {
        directives: {
          // ReDoc runs its search index in a worker made from a blob: URL.
          'worker-src': ["'self'", 'blob:'],
          // Plain-HTTP deployments (and localhost) must keep loading the docs' assets.
          'upgrade-insecure-requests': null,
        },
      },
    }),
    cors({
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      // Everything a client reads off an answer besides its body.
      exposedHeaders: ['WWW-Authenticate', 'X-Total-Count', 'X-Total-Count-Capped', 'Link', 'X-Next-Cursor', 'Retry-After', 'X-Request-Id'],
      maxAge: config.corsMaxAgeSeconds,
    }),
  ];
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers or URL too
 * large, malformed request lines) get the contract's JSON shape too; by default
 * Node answers them with an empty body.
 */
function answerUnparsableRequests(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const [status, reason] =
      err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : [400, 'Bad Request'];
    const body = JSON.stringify({ detail: reason });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
