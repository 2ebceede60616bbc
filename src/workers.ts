import cluster, { Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import pino, { Logger } from 'pino';
import pretty from 'pino-pretty';
import { AggregatorRegistry } from 'prom-client';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { serveMetrics } from './metrics/metrics-server';

/**
 * The primary process of WEB_CONCURRENCY workers, as gunicorn's arbiter is: it applies
 * the migrations once, forks the workers (they share the listening port and each runs
 * the whole app), starts a new worker when one dies, and on SIGTERM/SIGINT passes the
 * signal on, so that each worker drains as a lone process does, then exits 0 once all
 * of them have stopped cleanly.
 */
export async function runPrimary(config: AppConfig): Promise<void> {
  const log = primaryLogger(config);
  if (config.runMigrations) {
    try {
      await migrate(config);
    } catch (err) {
      log.fatal({ err }, `migrations failed: ${(err as Error).message}`);
      process.exit(1);
    }
  }
  // Holds the rate-limit counters the workers share when there is no Redis (src/rate-limit).
  new RateLimiterClusterMaster();
  if (config.metricsPort !== undefined) {
    // The workers' metrics, summed (prom-client asks each over IPC): one scrape sees the instance.
    const aggregator = new AggregatorRegistry();
    try {
      const server = await serveMetrics(config.metricsPort, () => aggregator.clusterMetrics(), aggregator.contentType);
      server.unref();
      log.info(`GET /metrics on port ${(server.address() as AddressInfo).port}, the sum of the workers'`);
    } catch (err) {
      log.fatal({ err }, `METRICS_PORT: cannot listen: ${(err as Error).message}`);
      process.exit(1);
    }
  }

  const started = new Set<number>();
  let stopping: NodeJS.Signals | undefined;
  let failed = false;
  // The workers must not migrate again, each racing the others.
  const fork = () => cluster.fork({ RUN_MIGRATIONS: 'false' });

  const stop = (signal: NodeJS.Signals, reason: string) => {
    if (stopping) return;
    stopping = signal;
    log.info(`${reason}: stopping ${liveWorkers().length} worker(s)`);
    for (const worker of liveWorkers()) worker.process.kill(signal);
    // Each worker exits by itself after SHUTDOWN_TIMEOUT_MS; this only catches one that hangs harder.
    setTimeout(() => {
      for (const worker of liveWorkers()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000).unref();
  };

  cluster.on('listening', (worker) => {
    started.add(worker.id);
    log.info(`worker ${worker.process.pid} listening`);
  });
  cluster.on('exit', (worker, code, signal) => {
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (stopping) {
      // A worker still starting has no handler yet: the signal itself ends it, with nothing to drain.
      if (code !== 0 && !(signal === stopping && !started.has(worker.id))) failed = true;
      log.info(`worker ${worker.process.pid} stopped (${how})`);
      if (liveWorkers().length === 0) process.exit(failed ? 1 : 0);
    } else if (!started.has(worker.id)) {
      // Like gunicorn's "worker failed to boot": starting yet another would fail the same way.
      log.fatal(`worker ${worker.process.pid} exited (${how}) before it listened; stopping`);
      failed = true;
      stop('SIGTERM', 'a worker failed to start');
      if (liveWorkers().length === 0) process.exit(1);
    } else {
      log.error(`worker ${worker.process.pid} died (${how}); starting another`);
      fork();
    }
  });

  process.on('SIGTERM', () => stop('SIGTERM', 'SIGTERM received'));
  process.on('SIGINT', () => stop('SIGINT', 'SIGINT received'));
  log.info(`primary ${process.pid} starting ${config.webConcurrency} workers`);
  for (let i = 0; i < config.webConcurrency; i++) fork();
}

const liveWorkers = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());

async function migrate(config: AppConfig): Promise<void> {
  const db = new DataSource({ ...dataSourceOptions(config), migrationsRun: false });
  await db.initialize();
  try {
    await db.runMigrations();
  } finally {
    await db.destroy();
  }
}

/** The same lines as the workers' logs (JSON, or pretty in development), written synchronously so none is lost at exit. */
function primaryLogger(config: AppConfig): Logger {
  const options = { level: config.logLevel };
  const logger = config.prettyLogs
    ? pino(options, pretty({ singleLine: true, translateTime: 'SYS:HH:MM:ss.l', sync: true }))
    : pino(options, pino.destination({ fd: 1, sync: true }));
  return logger.child({ context: 'Workers' });
}
