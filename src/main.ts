import 'reflect-metadata';
import { ConfigError, loadConfig, readEnv } from './config/app-config';
import { createApp } from './configure-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnv());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port);
}

void main();
