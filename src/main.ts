import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { AppConfig, ConfigError, loadConfig, readEnv } from './config/app-config';
import { createApp } from './configure-app';
import { WEB_APP_PATH } from './web-app/serve-web-app';
import { runPrimary } from './workers';

function configOrExit(): AppConfig {
  try {
    return loadConfig(readEnv());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  if (cluster.isPrimary && config.webConcurrency > 1) return runPrimary(config);
  const app = await createApp(config);
  await app.listen(config.port);
  // The last line of a start, so that whoever ran it sees where to go.
  const origin = `http://localhost:${(app.getHttpServer().address() as AddressInfo).port}`;
  new Logger('Main').log(`Listening on ${origin}: the web app at ${origin}${WEB_APP_PATH}/, the API docs at ${origin}/docs`);

  // On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the
  // pool and the embedded database; exit anyway once the timeout has passed.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    new Logger('Shutdown').log(`${signal} received, draining`);
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
    // close() closes only the keep-alive connections idle at that moment; one that
    // was busy would hold the shutdown until the client let it go (seconds).
    const server = app.getHttpServer();
    setInterval(() => server.closeIdleConnections(), 50).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
