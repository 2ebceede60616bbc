import { ConfigError, loadConfig } from './app-config';

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
      bodyLimitBytes: 102400,
      runMigrations: true,
      secretKeyGenerated: true,
    });
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
      BCRYPT_ROUNDS: '10',
    });
    expect(config).toMatchObject({
      port: 9000,
      databaseUrl: 'postgres://u:p@db:5432/app',
      secretKey: 's3cret',
      secretKeyGenerated: false,
      accessTokenExpireMinutes: 60,
      corsOrigins: ['https://a.example', 'https://b.example'],
      bcryptRounds: 10,
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
    [{ ALGORITHM: 'RS256' }, /^Invalid ALGORITHM: "RS256"/],
    [{ ACCESS_TOKEN_EXPIRE_MINUTES: '-5' }, /^Invalid ACCESS_TOKEN_EXPIRE_MINUTES/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid DATABASE_URL/],
    [{ DATABASE_HOSTNAME: 'h', DATABASE_PORT: 'x' }, /^Invalid DATABASE_PORT/],
    [{ NODE_ENV: 'staging' }, /^Invalid NODE_ENV/],
    [{ RUN_MIGRATIONS: 'maybe' }, /^Invalid RUN_MIGRATIONS/],
    [{ NODE_ENV: 'production' }, /^Missing SECRET_KEY/],
  ])('refuses %o with a one-line message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('starts in production with a SECRET_KEY', () => {
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'k' }).secretKeyGenerated).toBe(false);
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
