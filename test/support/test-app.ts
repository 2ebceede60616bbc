import { NestExpressApplication } from '@nestjs/platform-express';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/configure-app';

export const TEST_SECRET = 'test-secret-key-not-for-production';

export interface TestApp {
  app: NestExpressApplication;
  /** The Node HTTP server, for supertest. */
  server: ReturnType<NestExpressApplication['getHttpServer']>;
  config: AppConfig;
  db: DataSource;
  close(): Promise<void>;
}

/**
 * The real application (same createApp as main.ts) on a real database: the
 * PostgreSQL server of TEST_DATABASE_URL, or a private copy of the embedded one.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let dataDir: string | undefined;
  if (!databaseUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'social-api-test-'));
    const template = process.env.TEST_PGLITE_TEMPLATE;
    if (template) cpSync(template, dataDir, { recursive: true });
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    SECRET_KEY: TEST_SECRET,
    BCRYPT_ROUNDS: '4',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    ...env,
  });
  const app = await createApp(config);
  await app.init();
  const db = app.get(DataSource);
  if (databaseUrl && config.runMigrations) await db.query('TRUNCATE users, posts, votes, sessions, password_reset_tokens RESTART IDENTITY CASCADE');
  return {
    app,
    server: app.getHttpServer(),
    config,
    db,
    async close() {
      await app.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
