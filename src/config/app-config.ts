import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';

export type NodeEnv = 'development' | 'production' | 'test';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** A PostgreSQL server, or undefined for the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Streaming replicas of `databaseUrl` for the feed, search and post reads; empty: none. */
  databaseReplicaUrls: string[];
  /** How long after a write a user's reads stay on the primary (read-your-writes). */
  replicaStickySeconds: number;
  /** A replica further behind the primary than this is skipped. */
  replicaMaxLagSeconds: number;
  /** Apply pending migrations when the app starts. */
  runMigrations: boolean;
  dbPoolSize: number;
  secretKey: string;
  /** True when no SECRET_KEY was given and a throw-away one was generated. */
  secretKeyGenerated: boolean;
  algorithm: 'HS256';
  accessTokenExpireMinutes: number;
  bcryptRounds: number;
  corsOrigins: string[];
  bodyLimitBytes: number;
  /** Shared rate-limit counters for several instances; unset: counters in memory. */
  redisUrl: string | undefined;
  /** Failed logins allowed per account, and per client address, within the window. */
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerClient: number;
  loginFailureWindowSeconds: number;
  /** Registrations allowed per client address per minute. */
  registrationsPerMinute: number;
  /** Express's "trust proxy": how many proxies to trust for the client address (0: none). */
  trustProxyHops: number;
  logLevel: LogLevel;
  prettyLogs: boolean;
  /** How long a SIGTERM waits for in-flight requests before the process exits anyway. */
  shutdownTimeoutMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A configuration problem, worded as the one line the process prints before it exits. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/**
 * How often each instance measures its replicas' lag. A writer's reads return to a
 * replica after REPLICA_STICKY_SECONDS, when the last measurement may be this old: so
 * the replica is known to hold the write only if max lag + this <= the sticky window.
 */
export const REPLICA_LAG_CHECK_SECONDS = 1;

/** The process environment over the variables of a `.env` file, if there is one. */
export function readEnv(envFile = resolve(process.cwd(), '.env')): Env {
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(env: Env): AppConfig {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new ConfigError(`Invalid ${name}: "${raw}" (expected an integer from ${min} to ${max})`);
    }
    return Number(raw);
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = get(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    throw new ConfigError(`Invalid ${name}: "${raw}" (expected true or false)`);
  };

  const nodeEnv = (get('NODE_ENV') ?? 'development') as NodeEnv;
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`Invalid NODE_ENV: "${nodeEnv}" (expected development, production or test)`);
  }

  const algorithm = get('ALGORITHM') ?? 'HS256';
  if (algorithm !== 'HS256') {
    throw new ConfigError(`Invalid ALGORITHM: "${algorithm}" (only HS256 is supported)`);
  }

  const logLevel = (get('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`Invalid LOG_LEVEL: "${logLevel}" (expected one of ${LOG_LEVELS.join(', ')})`);
  }

  const redisUrl = get('REDIS_URL');
  if (redisUrl !== undefined && (!/^rediss?:\/\//.test(redisUrl) || !URL.canParse(redisUrl))) {
    throw new ConfigError('Invalid REDIS_URL: expected redis://host:6379');
  }

  let secretKey = get('SECRET_KEY');
  const secretKeyGenerated = secretKey === undefined;
  if (secretKey === undefined) {
    if (nodeEnv === 'production') {
      throw new ConfigError('Missing SECRET_KEY: it is required when NODE_ENV=production');
    }
    secretKey = randomBytes(32).toString('hex');
  }

  const databaseUrl = databaseUrlFrom(get);
  const replicas = replicaSettings(get, int, databaseUrl);

  return {
    nodeEnv,
    port: int('PORT', 8000, 0, 65535),
    databaseUrl,
    dataDir: resolve(get('DATA_DIR') ?? './data'),
    ...replicas,
    runMigrations: bool('RUN_MIGRATIONS', true),
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 1000),
    secretKey,
    secretKeyGenerated,
    algorithm,
    accessTokenExpireMinutes: int('ACCESS_TOKEN_EXPIRE_MINUTES', 30, 1, 525600),
    bcryptRounds: int('BCRYPT_ROUNDS', 12, 4, 31),
    corsOrigins: (get('CORS_ORIGINS') ?? '*').split(',').map((o) => o.trim()).filter(Boolean),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 100 * 1024, 1024, 50 * 1024 * 1024),
    redisUrl,
    loginMaxFailuresPerAccount: int('LOGIN_MAX_FAILURES', 5, 1, 1_000_000),
    loginMaxFailuresPerClient: int('LOGIN_MAX_FAILURES_PER_CLIENT', 50, 1, 1_000_000),
    loginFailureWindowSeconds: int('LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    registrationsPerMinute: int('REGISTRATIONS_PER_MINUTE', 120, 1, 1_000_000),
    trustProxyHops: int('TRUST_PROXY_HOPS', 0, 0, 10),
    logLevel,
    prettyLogs: bool('LOG_PRETTY', nodeEnv === 'development'),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
  };
}

type ReplicaSettings = Pick<AppConfig, 'databaseReplicaUrls' | 'replicaStickySeconds' | 'replicaMaxLagSeconds'>;

function replicaSettings(
  get: (name: string) => string | undefined,
  int: (name: string, fallback: number, min: number, max: number) => number,
  databaseUrl: string | undefined,
): ReplicaSettings {
  const urls = (get('DATABASE_REPLICA_URLS') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  // The URLs are not echoed: they may hold passwords.
  if (urls.some((url) => !isPostgresUrl(url))) {
    throw new ConfigError('Invalid DATABASE_REPLICA_URLS: expected comma-separated postgres://user:password@host:5432/database URLs');
  }
  if (urls.length > 0 && databaseUrl === undefined) {
    throw new ConfigError('Invalid DATABASE_REPLICA_URLS: replicas need DATABASE_URL (the embedded database has none)');
  }
  const replicaStickySeconds = int('REPLICA_STICKY_SECONDS', 5, 1, 3600);
  const replicaMaxLagSeconds = int('REPLICA_MAX_LAG_SECONDS', 2, 1, 3600);
  if (urls.length > 0 && replicaMaxLagSeconds + REPLICA_LAG_CHECK_SECONDS > replicaStickySeconds) {
    throw new ConfigError(
      `Invalid REPLICA_MAX_LAG_SECONDS: ${replicaMaxLagSeconds} (at most REPLICA_STICKY_SECONDS - ${REPLICA_LAG_CHECK_SECONDS}, ` +
        `${replicaStickySeconds - REPLICA_LAG_CHECK_SECONDS}, or a writer could read a replica that lacks their write)`,
    );
  }
  return { databaseReplicaUrls: urls, replicaStickySeconds, replicaMaxLagSeconds };
}

function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url) && URL.canParse(url);
}

/** DATABASE_URL, else a URL built from the course's DATABASE_* variables, else none (embedded). */
function databaseUrlFrom(get: (name: string) => string | undefined): string | undefined {
  const url = get('DATABASE_URL');
  if (url !== undefined) {
    if (!isPostgresUrl(url)) {
      throw new ConfigError('Invalid DATABASE_URL: expected postgres://user:password@host:5432/database');
    }
    return url;
  }
  const host = get('DATABASE_HOSTNAME');
  if (host === undefined) return undefined;
  const port = get('DATABASE_PORT') ?? '5432';
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    throw new ConfigError(`Invalid DATABASE_PORT: "${port}" (expected an integer from 1 to 65535)`);
  }
  const user = encodeURIComponent(get('DATABASE_USERNAME') ?? 'postgres');
  const password = get('DATABASE_PASSWORD');
  const auth = password === undefined ? user : `${user}:${encodeURIComponent(password)}`;
  const name = encodeURIComponent(get('DATABASE_NAME') ?? 'postgres');
  return `postgres://${auth}@${host}:${port}/${name}`;
}
