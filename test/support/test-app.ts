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
  /** The app's log lines, parsed, when started with `captureLogs` (set LOG_LEVEL to see them). */
  logs: LogLine[];
  close(): Promise<void>;
}

export interface LogLine {
  /** pino's levels: 30 info, 40 warn, 50 error, 60 fatal. */
  level: number;
  msg: string;
  [field: string]: unknown;
}

/**
 * The real application (same createApp as main.ts) on a real database: the
 * PostgreSQL server of TEST_DATABASE_URL, or a private copy of the embedded one.
 */
/** Apps started by this test file (Jest gives each file its own modules). */
let appsStarted = 0;

export async function startTestApp(env: Record<string, string> = {}, { captureLogs = false } = {}): Promise<TestApp> {
  // nestjs-pino keeps one logger per process, made by the first app: a later app's lines go to the first one's destination.
  if (captureLogs && appsStarted > 0) throw new Error('captureLogs needs the first app of its test file');
  appsStarted++;
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
    // At cost 4 a hash takes about a millisecond: a queue of any depth drains at once.
    BCRYPT_QUEUE_MAX: '1000',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    // Through PgBouncer (scripts/with-pgbouncer.sh), LISTEN needs the server itself.
    ...(databaseUrl === process.env.TEST_DATABASE_URL && process.env.TEST_DATABASE_LISTEN_URL ? { DATABASE_LISTEN_URL: process.env.TEST_DATABASE_LISTEN_URL } : {}),
    DATA_DIR: dataDir,
    ...env,
  });
  const logs: LogLine[] = [];
  const app = await createApp(config, captureLogs ? { logDestination: { write: (line: string) => void logs.push(JSON.parse(line)) } } : {});
  const db = app.get(DataSource);
  try {
    await app.init();
    if (databaseUrl && config.runMigrations) await truncateAll(db);
  } catch (error) {
    // An app left running keeps its workers' timers alive, and Jest would wait for them forever.
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    app,
    server: app.getHttpServer(),
    config,
    db,
    logs,
    async close() {
      await app.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Empties every table the app's entities map, so a shared PostgreSQL database starts each suite clean. */
async function truncateAll(db: DataSource): Promise<void> {
  const tables = db.entityMetadatas.map((m) => `"${m.tableName}"`).join(', ');
  // Another app of the same file may be running its background workers on these tables: TRUNCATE
  // takes its locks table by table, so it can deadlock with them, and PostgreSQL then cancels it.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt === 5) throw error;
    }
  }
}
