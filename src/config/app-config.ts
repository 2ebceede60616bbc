import { createPrivateKey, createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';

export type NodeEnv = 'development' | 'production' | 'test';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** GET /metrics (Prometheus) on a listener of its own; undefined: off. 0 picks a free port (tests). */
  metricsPort: number | undefined;
  /** A PostgreSQL server, or undefined for the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  /** TLS to the PostgreSQL server: none, certificate verified, or encrypted only (Heroku's certificates verify against no public CA). */
  databaseSsl: DatabaseSsl;
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
  algorithm: JwtAlgorithm;
  /** The signing key for RS256, ES256 and EdDSA (JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE); undefined with HS256. */
  jwtPrivateKey: KeyObject | undefined;
  /** Public keys of earlier signing keys: their tokens keep verifying until they expire. */
  jwtPreviousPublicKeys: KeyObject[];
  accessTokenExpireMinutes: number;
  /** Accept access tokens without `sid` (minted the course's way, `{user_id, exp}` signed with SECRET_KEY). */
  acceptCourseTokens: boolean;
  /** A session ends after this many days without a refresh. */
  refreshTokenExpireDays: number;
  /** smtp(s)://user:password@host:port; undefined: in development mails go to the log, in production password reset is off. */
  smtpUrl: string | undefined;
  /** False in production without SMTP_URL: POST /password-reset answers 503 (no reset link may reach a log there). */
  passwordResetEnabled: boolean;
  mailFrom: string;
  /** The page a reset link opens; the token is appended as `?token=`. */
  passwordResetUrl: string;
  /** Reset requests allowed per e-mail address, and per client address, within the window. */
  passwordResetsPerAddress: number;
  passwordResetsPerClient: number;
  passwordResetWindowSeconds: number;
  bcryptRounds: number;
  /** Password hashes and checks waiting for a hashing thread beyond which a request is refused (503). */
  bcryptQueueMax: number;
  /** A user's live sessions; a login beyond ends the one used longest ago. */
  sessionsPerUser: number;
  corsOrigins: string[];
  /** How long a browser may reuse a preflight's answer (Access-Control-Max-Age). */
  corsMaxAgeSeconds: number;
  bodyLimitBytes: number;
  /** Shared rate-limit counters for several instances; unset: counters in memory. */
  redisUrl: string | undefined;
  /** Failed logins allowed per (account, client address), and per client address, within the window. */
  loginMaxFailures: number;
  loginMaxFailuresPerClient: number;
  loginFailureWindowSeconds: number;
  /** Failures per account (from any address) within the window after which each attempt on it waits. */
  loginSlowdownAfter: number;
  /** The longest such wait; it grows by a tenth of this per further failure. 0: no slow-down. */
  loginSlowdownMaxMs: number;
  /** Successful logins allowed per account, and per client address, within their window. */
  loginMaxSuccessesPerAccount: number;
  loginMaxSuccessesPerClient: number;
  loginSuccessWindowSeconds: number;
  /** Registrations allowed per client address per minute. */
  registrationsPerMinute: number;
  /** Express's "trust proxy": how many proxies to trust for the client address (0: none). */
  trustProxyHops: number;
  logLevel: LogLevel;
  prettyLogs: boolean;
  /** A search's X-Total-Count counts at most this many matches (X-Total-Count-Capped past it). */
  searchCountLimit: number;
  /** How long a SIGTERM waits for in-flight requests before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Worker processes (node:cluster), like gunicorn's -w; 1 serves from the one process. */
  webConcurrency: number;
  /** `public`: every user's e-mail is in their UserOut (the course's way); `private`: only the user's own. */
  userEmails: UserEmails;
  /** Authors with more followers than this are merged into timelines on read instead of pushed (src/timeline/). */
  timelinePushMaxFollowers: number;
  /** A direct (not transaction-pooled) connection for LISTEN; undefined: databaseUrl. */
  databaseListenUrl: string | undefined;
  /** Seconds between the comment lines that keep an event stream open through proxies. */
  streamHeartbeatSeconds: number;
  /** Event streams a user may hold open; one more closes their oldest. */
  streamsPerUser: number;
  /** Event streams this process holds open; one more is a 503. */
  streamsPerProcess: number;
  /** Bytes an event stream may have queued for a client that does not read before it is dropped. */
  streamBufferBytes: number;
}

export const USER_EMAILS = ['public', 'private'] as const;
export type UserEmails = (typeof USER_EMAILS)[number];

export const JWT_ALGORITHMS = ['HS256', 'RS256', 'ES256', 'EdDSA'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

export type DatabaseSsl = 'off' | 'verify-full' | 'no-verify';

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

  const algorithm = (get('ALGORITHM') ?? 'HS256') as JwtAlgorithm;
  if (!JWT_ALGORITHMS.includes(algorithm)) {
    throw new ConfigError(`Invalid ALGORITHM: "${algorithm}" (expected one of ${JWT_ALGORITHMS.join(', ')})`);
  }
  const jwtPrivateKey = privateKeyFrom(get, algorithm);
  const jwtPreviousPublicKeys = previousPublicKeysFrom(get('JWT_PREVIOUS_PUBLIC_KEYS'));

  const logLevel = (get('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`Invalid LOG_LEVEL: "${logLevel}" (expected one of ${LOG_LEVELS.join(', ')})`);
  }

  const userEmails = (get('USER_EMAILS') ?? 'public') as UserEmails;
  if (!USER_EMAILS.includes(userEmails)) {
    throw new ConfigError(`Invalid USER_EMAILS: "${userEmails}" (expected public or private)`);
  }

  const redisUrl = get('REDIS_URL');
  if (redisUrl !== undefined && (!/^rediss?:\/\//.test(redisUrl) || !URL.canParse(redisUrl))) {
    throw new ConfigError('Invalid REDIS_URL: expected redis://host:6379');
  }

  let secretKey = get('SECRET_KEY');
  const secretKeyGenerated = secretKey === undefined;
  if (secretKey === undefined) {
    // With a key pair, SECRET_KEY signs nothing: production needs it only for HS256.
    if (nodeEnv === 'production' && algorithm === 'HS256') {
      throw new ConfigError('Missing SECRET_KEY: it is required when NODE_ENV=production');
    }
    secretKey = randomBytes(32).toString('hex');
  } else if (nodeEnv === 'production') {
    checkSecretKeyStrength(secretKey);
  }

  const smtpUrl = get('SMTP_URL');
  if (smtpUrl !== undefined && (!/^smtps?:\/\//.test(smtpUrl) || !URL.canParse(smtpUrl))) {
    throw new ConfigError('Invalid SMTP_URL: expected smtp://user:password@host:587 or smtps://...');
  }
  const port = int('PORT', 8000, 0, 65535);
  // A production mail must link to the real site: the localhost default would send every user to nowhere.
  if (smtpUrl !== undefined && nodeEnv === 'production' && get('PASSWORD_RESET_URL') === undefined) {
    throw new ConfigError('Missing PASSWORD_RESET_URL: it is required with SMTP_URL when NODE_ENV=production (the page the reset mails link to)');
  }
  const passwordResetUrl = get('PASSWORD_RESET_URL') ?? `http://localhost:${port}/app/reset-password`;
  if (!/^https?:\/\//.test(passwordResetUrl) || !URL.canParse(passwordResetUrl)) {
    throw new ConfigError(`Invalid PASSWORD_RESET_URL: "${passwordResetUrl}" (expected an http or https URL)`);
  }
  const metricsPort = get('METRICS_PORT') === undefined ? undefined : int('METRICS_PORT', 0, 0, 65535);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) {
    throw new ConfigError(`Invalid METRICS_PORT: "${metricsPort}" is PORT too (the metrics get a listener of their own, kept off the public one)`);
  }
  const database = databaseFrom(get);
  const webConcurrency = int('WEB_CONCURRENCY', 1, 1, 64);
  if (webConcurrency > 1 && database.url === undefined) {
    throw new ConfigError(
      `Invalid WEB_CONCURRENCY: "${webConcurrency}" needs DATABASE_URL (the embedded database serves one process; use 1 or a PostgreSQL server)`,
    );
  }

  const replicas = replicaSettings(get, int, database.url);

  const databaseListenUrl = get('DATABASE_LISTEN_URL');
  if (databaseListenUrl !== undefined) {
    if (database.url === undefined) throw new ConfigError('Invalid DATABASE_LISTEN_URL: it needs DATABASE_URL (the embedded database listens in process)');
    if (!/^postgres(ql)?:\/\//.test(databaseListenUrl) || !URL.canParse(databaseListenUrl)) {
      throw new ConfigError('Invalid DATABASE_LISTEN_URL: expected postgres://user:password@host:5432/db');
    }
  }

  return {
    nodeEnv,
    port,
    metricsPort,
    databaseUrl: database.url,
    databaseSsl: database.ssl,
    dataDir: resolve(get('DATA_DIR') ?? './data'),
    ...replicas,
    runMigrations: bool('RUN_MIGRATIONS', true),
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 1000),
    secretKey,
    secretKeyGenerated,
    algorithm,
    jwtPrivateKey,
    jwtPreviousPublicKeys,
    accessTokenExpireMinutes: int('ACCESS_TOKEN_EXPIRE_MINUTES', 30, 1, 525600),
    acceptCourseTokens: bool('ACCEPT_COURSE_TOKENS', true),
    refreshTokenExpireDays: int('REFRESH_TOKEN_EXPIRE_DAYS', 30, 1, 3650),
    smtpUrl,
    passwordResetEnabled: smtpUrl !== undefined || nodeEnv !== 'production',
    mailFrom: get('MAIL_FROM') ?? 'Social API <no-reply@localhost>',
    passwordResetUrl,
    passwordResetsPerAddress: int('PASSWORD_RESETS_PER_ADDRESS', 3, 1, 1_000_000),
    passwordResetsPerClient: int('PASSWORD_RESETS_PER_CLIENT', 20, 1, 1_000_000),
    passwordResetWindowSeconds: int('PASSWORD_RESET_WINDOW_SECONDS', 3600, 1, 86_400),
    bcryptRounds: int('BCRYPT_ROUNDS', 12, 4, 31),
    bcryptQueueMax: int('BCRYPT_QUEUE_MAX', 8, 0, 100_000),
    sessionsPerUser: int('SESSIONS_PER_USER', 10, 1, 1000),
    corsOrigins: (get('CORS_ORIGINS') ?? '*').split(',').map((o) => o.trim()).filter(Boolean),
    corsMaxAgeSeconds: int('CORS_MAX_AGE', 600, 0, 86_400),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 100 * 1024, 1024, 50 * 1024 * 1024),
    redisUrl,
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 1_000_000),
    loginMaxFailuresPerClient: int('LOGIN_MAX_FAILURES_PER_CLIENT', 50, 1, 1_000_000),
    loginFailureWindowSeconds: int('LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    loginSlowdownAfter: int('LOGIN_SLOWDOWN_AFTER', 10, 1, 1_000_000),
    loginSlowdownMaxMs: int('LOGIN_SLOWDOWN_MAX_MS', 3000, 0, 60_000),
    loginMaxSuccessesPerAccount: int('LOGIN_MAX_SUCCESSES_PER_ACCOUNT', 20, 1, 1_000_000),
    loginMaxSuccessesPerClient: int('LOGIN_MAX_SUCCESSES_PER_CLIENT', 300, 1, 1_000_000),
    loginSuccessWindowSeconds: int('LOGIN_SUCCESS_WINDOW_SECONDS', 900, 1, 86_400),
    registrationsPerMinute: int('REGISTRATIONS_PER_MINUTE', 120, 1, 1_000_000),
    trustProxyHops: int('TRUST_PROXY_HOPS', 0, 0, 10),
    logLevel,
    prettyLogs: bool('LOG_PRETTY', nodeEnv === 'development'),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    webConcurrency,
    searchCountLimit: int('SEARCH_COUNT_LIMIT', 10_000, 1, 1_000_000_000),
    userEmails,
    timelinePushMaxFollowers: int('TIMELINE_PUSH_MAX_FOLLOWERS', 10_000, 0, 1_000_000_000),
    databaseListenUrl,
    streamHeartbeatSeconds: int('STREAM_HEARTBEAT_SECONDS', 25, 1, 3600),
    streamsPerUser: int('STREAMS_PER_USER', 10, 1, 1000),
    streamsPerProcess: int('STREAMS_PER_PROCESS', 10_000, 1, 1_000_000),
    streamBufferBytes: int('STREAM_BUFFER_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
  };
}

/** The shortest SECRET_KEY production takes: HS256's own key size (RFC 7518 §3.2), 256 bits. */
export const MIN_SECRET_KEY_BYTES = 32;

/**
 * Keys published as examples: whoever has read the same page can sign tokens for any
 * user. The course's (FastAPI's documentation uses the same one).
 */
const PUBLISHED_EXAMPLE_KEYS = new Set(['09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7']);

const GENERATE_KEY_HINT = `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`;

/**
 * In production, SECRET_KEY signs every access token (HS256) and every feed cursor: a
 * short one can be found by brute force offline from any token, a published one by
 * reading. Checked whatever ALGORITHM is, since the cursors use it either way.
 */
function checkSecretKeyStrength(key: string): void {
  const bytes = Buffer.byteLength(key);
  if (bytes < MIN_SECRET_KEY_BYTES) {
    throw new ConfigError(
      `Invalid SECRET_KEY: ${bytes} byte${bytes === 1 ? '' : 's'}, at least ${MIN_SECRET_KEY_BYTES} are required when NODE_ENV=production (${GENERATE_KEY_HINT})`,
    );
  }
  if (PUBLISHED_EXAMPLE_KEYS.has(key.toLowerCase())) {
    throw new ConfigError(`Invalid SECRET_KEY: it is a published example key, known to anyone (${GENERATE_KEY_HINT})`);
  }
}

// libpq's sslmode values; `require` encrypts without checking the certificate, as in libpq
// (the pg driver would verify it), and `prefer`/`allow` have no counterpart in the driver.
const SSLMODES = new Map<string, DatabaseSsl>([
  ['disable', 'off'],
  ['require', 'no-verify'],
  ['no-verify', 'no-verify'],
  ['verify-ca', 'verify-full'],
  ['verify-full', 'verify-full'],
]);
const DATABASE_SSL = new Map<string, DatabaseSsl>([
  ['true', 'verify-full'],
  ['false', 'off'],
  ['no-verify', 'no-verify'],
]);

/**
 * The server's URL and its TLS mode. DATABASE_SSL wins over the URL's `sslmode` (or
 * pg's `ssl`) parameter; those are taken out of the URL, because the driver would let
 * them override the TLS options it is given.
 */
function databaseFrom(get: (name: string) => string | undefined): { url: string | undefined; ssl: DatabaseSsl } {
  const raw = databaseUrlFrom(get);
  const setting = get('DATABASE_SSL')?.toLowerCase();
  if (setting !== undefined && !DATABASE_SSL.has(setting)) {
    throw new ConfigError(`Invalid DATABASE_SSL: "${setting}" (expected true, false or no-verify)`);
  }
  if (raw === undefined) return { url: undefined, ssl: 'off' };
  const url = new URL(raw);
  const sslmode = url.searchParams.get('sslmode');
  const sslParam = url.searchParams.get('ssl');
  if (sslmode !== null && !SSLMODES.has(sslmode)) {
    throw new ConfigError(`Invalid sslmode in DATABASE_URL: "${sslmode}" (expected disable, require, verify-ca, verify-full or no-verify)`);
  }
  const fromUrl = sslmode !== null ? SSLMODES.get(sslmode)! : sslParam === 'true' || sslParam === '1' ? 'verify-full' : 'off';
  const ssl = setting !== undefined ? DATABASE_SSL.get(setting)! : fromUrl;
  if (sslmode === null && sslParam === null) return { url: raw, ssl };
  url.searchParams.delete('sslmode');
  url.searchParams.delete('ssl');
  return { url: url.toString(), ssl };
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

/** The curve or key type each asymmetric ALGORITHM signs with. */
const KEY_TYPES: Record<Exclude<JwtAlgorithm, 'HS256'>, { type: string; curve?: string; label: string }> = {
  RS256: { type: 'rsa', label: 'an RSA key (2048 bits or more)' },
  ES256: { type: 'ec', curve: 'prime256v1', label: 'an EC P-256 key' },
  EdDSA: { type: 'ed25519', label: 'an Ed25519 key' },
};

/** PEM text in an environment variable may come with its line breaks written as "\n". */
const pemText = (value: string) => value.replaceAll('\\n', '\n');

function privateKeyFrom(get: (name: string) => string | undefined, algorithm: JwtAlgorithm): KeyObject | undefined {
  const inline = get('JWT_PRIVATE_KEY');
  const file = get('JWT_PRIVATE_KEY_FILE');
  if (algorithm === 'HS256') {
    if (inline !== undefined || file !== undefined) {
      throw new ConfigError(`Invalid ${inline !== undefined ? 'JWT_PRIVATE_KEY' : 'JWT_PRIVATE_KEY_FILE'}: a key pair needs ALGORITHM RS256, ES256 or EdDSA (HS256 signs with SECRET_KEY)`);
    }
    return undefined;
  }
  if (inline !== undefined && file !== undefined) {
    throw new ConfigError('Invalid JWT_PRIVATE_KEY_FILE: set JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE, not both');
  }
  if (inline === undefined && file === undefined) {
    throw new ConfigError(`Missing JWT_PRIVATE_KEY: ALGORITHM=${algorithm} needs a private key (JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE)`);
  }
  const name = inline !== undefined ? 'JWT_PRIVATE_KEY' : 'JWT_PRIVATE_KEY_FILE';
  let pem: string;
  try {
    pem = inline !== undefined ? pemText(inline) : readFileSync(resolve(file!), 'utf8');
  } catch {
    throw new ConfigError(`Invalid JWT_PRIVATE_KEY_FILE: cannot read "${file}"`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError(`Invalid ${name}: not a PEM private key`);
  }
  if (!fitsAlgorithm(key, algorithm)) {
    throw new ConfigError(`Invalid ${name}: ALGORITHM=${algorithm} needs ${KEY_TYPES[algorithm].label}`);
  }
  return key;
}

function previousPublicKeysFrom(value: string | undefined): KeyObject[] {
  if (value === undefined) return [];
  const pems = pemText(value).match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (pems.length === 0) throw new ConfigError('Invalid JWT_PREVIOUS_PUBLIC_KEYS: expected one or more PEM public keys');
  return pems.map((pem, i) => {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new ConfigError(`Invalid JWT_PREVIOUS_PUBLIC_KEYS: key ${i + 1} is not a PEM public key`);
    }
    if (!(['RS256', 'ES256', 'EdDSA'] as const).some((alg) => fitsAlgorithm(key, alg))) {
      throw new ConfigError(`Invalid JWT_PREVIOUS_PUBLIC_KEYS: key ${i + 1} is not an RSA (2048+ bits), EC P-256 or Ed25519 key`);
    }
    return key;
  });
}

/** Whether `key` (private or public) signs or verifies tokens of `algorithm`. */
export function fitsAlgorithm(key: KeyObject, algorithm: JwtAlgorithm): boolean {
  if (algorithm === 'HS256') return key.type === 'secret';
  const { type, curve } = KEY_TYPES[algorithm];
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType !== type) return false;
  if (type === 'rsa') return (details?.modulusLength ?? 0) >= 2048;
  return curve === undefined || details?.namedCurve === curve;
}
