import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { setUpDocs } from './docs';
import { BodyErrorInterceptor, bodyParsers } from './http/body-parsing';
import { ContractExceptionFilter } from './http/contract-exception.filter';
import { ContractValidationPipe } from './http/validation.pipe';

export interface CreateAppOptions {
  logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal')[];
}

/** Builds the application exactly as production runs it; main.ts and the tests both use this. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ExpressAdapter(), {
    bodyParser: false,
    logger: options.logger,
  });
  configureApp(app, config);
  if (config.secretKeyGenerated) {
    new Logger('Config').warn('SECRET_KEY is not set: using a random key, so tokens stop working when the process restarts');
  }
  return app;
}

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    exposedHeaders: ['X-Total-Count', 'Retry-After'],
  });
  app.use(...bodyParsers(config.bodyLimitBytes));
  app.useGlobalPipes(new ContractValidationPipe());
  app.useGlobalInterceptors(new BodyErrorInterceptor());
  app.useGlobalFilters(new ContractExceptionFilter());
  setUpDocs(app);
}
