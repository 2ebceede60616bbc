import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const pem = (kind: 'rsa' | 'ec' | 'ed25519', part: 'privateKey' | 'publicKey' = 'privateKey'): string => {
  const pair =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  return pair[part].export({ format: 'pem', type: part === 'privateKey' ? 'pkcs8' : 'spki' }).toString();
};
const rsaKey = pem('rsa');
const ecKey = pem('ec');
/** A SECRET_KEY production takes: 32 bytes or more, not a published example. */
const STRONG_KEY = 'a-production-key-of-at-least-32-bytes';

describe('loadConfig', () => {
  it('has the contract defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 8000,
      databaseUrl: undefined,
      algorithm: 'HS256',
      accessTokenExpireMinutes: 30,
      bcryptRounds: 12,
      corsOrigins: ['*'],
      corsMaxAgeSeconds: 600,
      bodyLimitBytes: 102400,
      runMigrations: true,
      secretKeyGenerated: true,
      jwtPrivateKey: undefined,
      jwtPreviousPublicKeys: [],
      refreshTokenExpireDays: 30,
      smtpUrl: undefined,
      mailFrom: 'Social API <no-reply@localhost>',
      passwordResetUrl: 'http://localhost:8000/app/reset-password',
      passwordResetsPerAddress: 3,
      passwordResetsPerClient: 20,
      passwordResetWindowSeconds: 3600,
      searchCountLimit: 10000,
    });
    expect(loadConfig({ PORT: '9000' }).passwordResetUrl).toBe('http://localhost:9000/app/reset-password');
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.secretKey).toHaveLength(64);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      SECRET_KEY: 's3cret',
      ACCESS_TOKEN_EXPIRE_MINUTES: '60',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      CORS_MAX_AGE: '60',
      BCRYPT_ROUNDS: '10',
      SEARCH_COUNT_LIMIT: '500',
    });
    expect(config).toMatchObject({
      port: 9000,
      databaseUrl: 'postgres://u:p@db:5432/app',
      secretKey: 's3cret',
      secretKeyGenerated: false,
      accessTokenExpireMinutes: 60,
      corsOrigins: ['https://a.example', 'https://b.example'],
      corsMaxAgeSeconds: 60,
      bcryptRounds: 10,
      searchCountLimit: 500,
    });
  });

  it("builds the URL from the course's DATABASE_* variables when DATABASE_URL is unset", () => {
    const config = loadConfig({
      DATABASE_HOSTNAME: 'localhost',
      DATABASE_PORT: '5433',
      DATABASE_USERNAME: 'postgres',
      DATABASE_PASSWORD: 'p@ss word',
      DATABASE_NAME: 'fastapi',
    });
    expect(config.databaseUrl).toBe('postgres://postgres:p%40ss%20word@localhost:5433/fastapi');
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', DATABASE_HOSTNAME: 'other' }).databaseUrl).toBe('postgres://x@h/db');
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid PORT: "abc"/],
    [{ PORT: '70000' }, /^Invalid PORT/],
    [{ ALGORITHM: 'HS512' }, /^Invalid ALGORITHM: "HS512"/],
    [{ ALGORITHM: 'none' }, /^Invalid ALGORITHM: "none"/],
    [{ ALGORITHM: 'RS256' }, /^Missing JWT_PRIVATE_KEY: ALGORITHM=RS256 needs a private key/],
    [{ ALGORITHM: 'RS256', JWT_PRIVATE_KEY: 'not a key' }, /^Invalid JWT_PRIVATE_KEY: not a PEM private key/],
    [{ ALGORITHM: 'ES256', JWT_PRIVATE_KEY: rsaKey }, /^Invalid JWT_PRIVATE_KEY: ALGORITHM=ES256 needs an EC P-256 key/],
    [{ ALGORITHM: 'RS256', JWT_PRIVATE_KEY: ecKey }, /^Invalid JWT_PRIVATE_KEY: ALGORITHM=RS256 needs an RSA key/],
    [{ ALGORITHM: 'EdDSA', JWT_PRIVATE_KEY: ecKey }, /^Invalid JWT_PRIVATE_KEY: ALGORITHM=EdDSA needs an Ed25519 key/],
    [{ ALGORITHM: 'RS256', JWT_PRIVATE_KEY_FILE: '/no/such/key.pem' }, /^Invalid JWT_PRIVATE_KEY_FILE: cannot read/],
    [{ ALGORITHM: 'RS256', JWT_PRIVATE_KEY: rsaKey, JWT_PRIVATE_KEY_FILE: '/k.pem' }, /^Invalid JWT_PRIVATE_KEY_FILE: set JWT_PRIVATE_KEY or/],
    [{ JWT_PRIVATE_KEY: rsaKey }, /^Invalid JWT_PRIVATE_KEY: a key pair needs ALGORITHM RS256/],
    [{ JWT_PREVIOUS_PUBLIC_KEYS: 'abc' }, /^Invalid JWT_PREVIOUS_PUBLIC_KEYS: expected one or more PEM public keys/],
    [{ JWT_PREVIOUS_PUBLIC_KEYS: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }, /^Invalid JWT_PREVIOUS_PUBLIC_KEYS: key 1 is not a PEM/],
    [{ REFRESH_TOKEN_EXPIRE_DAYS: '0' }, /^Invalid REFRESH_TOKEN_EXPIRE_DAYS/],
    [{ SMTP_URL: 'http://mail' }, /^Invalid SMTP_URL/],
    [{ NODE_ENV: 'production', SECRET_KEY: STRONG_KEY, SMTP_URL: 'smtp://mail:25' }, /^Missing PASSWORD_RESET_URL: it is required with SMTP_URL/],
    [{ PASSWORD_RESET_URL: 'javascript:alert(1)' }, /^Invalid PASSWORD_RESET_URL/],
    [{ PASSWORD_RESETS_PER_ADDRESS: 'many' }, /^Invalid PASSWORD_RESETS_PER_ADDRESS/],
    [{ ACCESS_TOKEN_EXPIRE_MINUTES: '-5' }, /^Invalid ACCESS_TOKEN_EXPIRE_MINUTES/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid DATABASE_URL/],
    [{ DATABASE_HOSTNAME: 'h', DATABASE_PORT: 'x' }, /^Invalid DATABASE_PORT/],
    [{ NODE_ENV: 'staging' }, /^Invalid NODE_ENV/],
    [{ RUN_MIGRATIONS: 'maybe' }, /^Invalid RUN_MIGRATIONS/],
    [{ SEARCH_COUNT_LIMIT: '0' }, /^Invalid SEARCH_COUNT_LIMIT: "0"/],
    [{ NODE_ENV: 'production' }, /^Missing SECRET_KEY/],
    [{ PORT: '9000', METRICS_PORT: '9000' }, /^Invalid METRICS_PORT: "9000" is PORT too/],
    [{ METRICS_PORT: 'x' }, /^Invalid METRICS_PORT/],
    [{ ACCEPT_COURSE_TOKENS: 'sometimes' }, /^Invalid ACCEPT_COURSE_TOKENS/],
    [{ LOGIN_SLOWDOWN_MAX_MS: '-1' }, /^Invalid LOGIN_SLOWDOWN_MAX_MS/],
    [{ SESSIONS_PER_USER: '0' }, /^Invalid SESSIONS_PER_USER/],
    [{ NODE_ENV: 'production', SECRET_KEY: 'a' }, /^Invalid SECRET_KEY: 1 byte, at least 32 are required when NODE_ENV=production/],
    [{ NODE_ENV: 'production', SECRET_KEY: 'é'.repeat(15) }, /^Invalid SECRET_KEY: 30 bytes/],
    [
      { NODE_ENV: 'production', SECRET_KEY: '09D25E094FAA6CA2556C818166B7A9563B93F7099F6F0F4CAA6CF63B88E8D3E7' },
      /^Invalid SECRET_KEY: it is a published example key/,
    ],
  ])('refuses %o with a one-line message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('reads replica settings, which need a PostgreSQL server and a lag limit inside the sticky window', () => {
    expect(loadConfig({})).toMatchObject({ databaseReplicaUrls: [], replicaStickySeconds: 5, replicaMaxLagSeconds: 2 });
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@primary/app',
      DATABASE_REPLICA_URLS: 'postgres://u@r1/app, postgres://u@r2/app',
      REPLICA_STICKY_SECONDS: '10',
      REPLICA_MAX_LAG_SECONDS: '9',
    });
    expect(config).toMatchObject({ databaseReplicaUrls: ['postgres://u@r1/app', 'postgres://u@r2/app'], replicaStickySeconds: 10, replicaMaxLagSeconds: 9 });
    const refusals: [Record<string, string>, RegExp][] = [
      [{ DATABASE_REPLICA_URLS: 'postgres://u@r1/app' }, /^Invalid DATABASE_REPLICA_URLS: replicas need DATABASE_URL/],
      [{ DATABASE_URL: 'postgres://u@p/app', DATABASE_REPLICA_URLS: 'postgres://u@r1/app,mysql://secret@r2' }, /^Invalid DATABASE_REPLICA_URLS: expected/],
      [{ DATABASE_URL: 'postgres://u@p/app', DATABASE_REPLICA_URLS: 'postgres://u@r1/app', REPLICA_MAX_LAG_SECONDS: '5' }, /^Invalid REPLICA_MAX_LAG_SECONDS: 5 \(at most/],
      [{ REPLICA_STICKY_SECONDS: '0' }, /^Invalid REPLICA_STICKY_SECONDS/],
    ];
    for (const [env, message] of refusals) {
      expect(() => loadConfig(env)).toThrow(message);
      expect(() => loadConfig(env)).not.toThrow(/secret|\n/);
    }
  });

  it('starts in production with a SECRET_KEY, and with SMTP_URL and PASSWORD_RESET_URL or neither', () => {
    const mail = { SMTP_URL: 'smtp://mail:1025', PASSWORD_RESET_URL: 'https://social.example/reset' };
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: STRONG_KEY, ...mail })).toMatchObject({ secretKeyGenerated: false, passwordResetEnabled: true });
    // Without SMTP_URL (a Heroku app as the course deploys it): password reset is off.
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: STRONG_KEY }).passwordResetEnabled).toBe(false);
    expect(loadConfig({}).passwordResetEnabled).toBe(true);
  });

  it('takes a key of exactly 32 bytes in production, and any key outside it', () => {
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'k'.repeat(32) }).secretKey).toBe('k'.repeat(32));
    expect(loadConfig({ NODE_ENV: 'development', SECRET_KEY: 'a' }).secretKey).toBe('a');
    expect(loadConfig({ NODE_ENV: 'test', SECRET_KEY: '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7' }).secretKeyGenerated).toBe(false);
  });

  it('has the trust defaults (docs/trust.md), and reads them', () => {
    expect(loadConfig({})).toMatchObject({
      metricsPort: undefined,
      acceptCourseTokens: true,
      loginMaxFailures: 5,
      loginMaxFailuresPerClient: 50,
      loginFailureWindowSeconds: 900,
      loginSlowdownAfter: 10,
      loginSlowdownMaxMs: 3000,
      loginMaxSuccessesPerAccount: 20,
      loginMaxSuccessesPerClient: 300,
      loginSuccessWindowSeconds: 900,
      bcryptQueueMax: 8,
      sessionsPerUser: 10,
    });
    const config = loadConfig({
      METRICS_PORT: '9100',
      ACCEPT_COURSE_TOKENS: 'false',
      LOGIN_SLOWDOWN_AFTER: '3',
      LOGIN_SLOWDOWN_MAX_MS: '0',
      LOGIN_MAX_SUCCESSES_PER_ACCOUNT: '7',
      BCRYPT_QUEUE_MAX: '0',
      SESSIONS_PER_USER: '2',
    });
    expect(config).toMatchObject({ metricsPort: 9100, acceptCourseTokens: false, loginSlowdownAfter: 3, loginSlowdownMaxMs: 0, loginMaxSuccessesPerAccount: 7, bcryptQueueMax: 0, sessionsPerUser: 2 });
    expect(loadConfig({ METRICS_PORT: '0' }).metricsPort).toBe(0);
  });

  it('reads the session, mail and reset settings', () => {
    const config = loadConfig({
      REFRESH_TOKEN_EXPIRE_DAYS: '7',
      SMTP_URL: 'smtps://user:p%40ss@mail.example:465',
      MAIL_FROM: 'Social <hello@social.example>',
      PASSWORD_RESET_URL: 'https://social.example/reset?lang=en',
      PASSWORD_RESETS_PER_ADDRESS: '5',
      PASSWORD_RESETS_PER_CLIENT: '50',
      PASSWORD_RESET_WINDOW_SECONDS: '600',
    });
    expect(config).toMatchObject({
      refreshTokenExpireDays: 7,
      smtpUrl: 'smtps://user:p%40ss@mail.example:465',
      mailFrom: 'Social <hello@social.example>',
      passwordResetUrl: 'https://social.example/reset?lang=en',
      passwordResetsPerAddress: 5,
      passwordResetsPerClient: 50,
      passwordResetWindowSeconds: 600,
    });
  });

  it.each([
    ['RS256', pem('rsa'), 'rsa'],
    ['ES256', pem('ec'), 'ec'],
    ['EdDSA', pem('ed25519'), 'ed25519'],
  ])('reads a %s private key, inline (also with \\n for line breaks) or from a file', (algorithm, key, type) => {
    const inline = loadConfig({ ALGORITHM: algorithm, JWT_PRIVATE_KEY: key });
    expect(inline.algorithm).toBe(algorithm);
    expect(inline.jwtPrivateKey?.asymmetricKeyType).toBe(type);
    expect(loadConfig({ ALGORITHM: algorithm, JWT_PRIVATE_KEY: key.replaceAll('\n', '\\n') }).jwtPrivateKey?.asymmetricKeyType).toBe(type);
    const dir = mkdtempSync(join(tmpdir(), 'jwt-key-'));
    try {
      const file = join(dir, 'key.pem');
      writeFileSync(file, key);
      expect(loadConfig({ ALGORITHM: algorithm, JWT_PRIVATE_KEY_FILE: file }).jwtPrivateKey?.asymmetricKeyType).toBe(type);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads several previous public keys from JWT_PREVIOUS_PUBLIC_KEYS, and needs no SECRET_KEY in production with a key pair', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ALGORITHM: 'ES256',
      JWT_PRIVATE_KEY: ecKey,
      JWT_PREVIOUS_PUBLIC_KEYS: `${pem('rsa', 'publicKey')}\n${pem('ec', 'publicKey')}`,
    });
    expect(config.jwtPreviousPublicKeys.map((k) => k.asymmetricKeyType)).toEqual(['rsa', 'ec']);
  });
});

describe('loadConfig: TLS to the database (DATABASE_SSL, sslmode)', () => {
  const url = 'postgres://u:p@db.example.com:5432/app';

  it('is off unless asked for, and the URL is kept as given', () => {
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({ databaseUrl: url, databaseSsl: 'off' });
    expect(loadConfig({}).databaseSsl).toBe('off');
  });

  it.each([
    ['true', 'verify-full'],
    ['TRUE', 'verify-full'],
    ['false', 'off'],
    ['no-verify', 'no-verify'],
  ])('DATABASE_SSL=%s is %s', (value, ssl) => {
    expect(loadConfig({ DATABASE_URL: url, DATABASE_SSL: value }).databaseSsl).toBe(ssl);
  });

  it.each([
    ['disable', 'off'],
    ['require', 'no-verify'],
    ['no-verify', 'no-verify'],
    ['verify-ca', 'verify-full'],
    ['verify-full', 'verify-full'],
  ])('sslmode=%s in the URL is %s, and leaves the URL, other parameters kept', (sslmode, ssl) => {
    const config = loadConfig({ DATABASE_URL: `${url}?sslmode=${sslmode}&application_name=x` });
    expect(config.databaseSsl).toBe(ssl);
    expect(config.databaseUrl).toBe(`${url}?application_name=x`);
  });

  it("reads pg's ssl=true parameter too", () => {
    expect(loadConfig({ DATABASE_URL: `${url}?ssl=true` })).toMatchObject({ databaseUrl: url, databaseSsl: 'verify-full' });
  });

  it("lets DATABASE_SSL win over the URL's sslmode (Heroku: a bare URL and DATABASE_SSL=no-verify)", () => {
    expect(loadConfig({ DATABASE_URL: `${url}?sslmode=verify-full`, DATABASE_SSL: 'no-verify' })).toMatchObject({
      databaseUrl: url,
      databaseSsl: 'no-verify',
    });
    expect(loadConfig({ DATABASE_URL: `${url}?sslmode=require`, DATABASE_SSL: 'false' }).databaseSsl).toBe('off');
  });

  it("applies to the URL built from the course's DATABASE_* variables", () => {
    expect(loadConfig({ DATABASE_HOSTNAME: 'db', DATABASE_SSL: 'true' }).databaseSsl).toBe('verify-full');
  });

  it.each([
    [{ DATABASE_URL: url, DATABASE_SSL: 'maybe' }, /^Invalid DATABASE_SSL: "maybe"/],
    [{ DATABASE_URL: `${url}?sslmode=prefer` }, /^Invalid sslmode in DATABASE_URL: "prefer"/],
  ])('refuses %o in one line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('loadConfig: WEB_CONCURRENCY', () => {
  it('is one process by default', () => {
    expect(loadConfig({}).webConcurrency).toBe(1);
  });

  it('starts several workers on a PostgreSQL server', () => {
    expect(loadConfig({ WEB_CONCURRENCY: '4', DATABASE_URL: 'postgres://u@db/app' }).webConcurrency).toBe(4);
    expect(loadConfig({ WEB_CONCURRENCY: '2', DATABASE_HOSTNAME: 'db' }).webConcurrency).toBe(2);
  });

  it('keeps the embedded database to one process', () => {
    expect(loadConfig({ WEB_CONCURRENCY: '1' }).webConcurrency).toBe(1);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/^Invalid WEB_CONCURRENCY: "2" needs DATABASE_URL/);
  });

  it.each(['0', 'two', '65'])('refuses WEB_CONCURRENCY=%s', (value) => {
    expect(() => loadConfig({ WEB_CONCURRENCY: value, DATABASE_URL: 'postgres://u@db/app' })).toThrow(/^Invalid WEB_CONCURRENCY/);
  });
});
