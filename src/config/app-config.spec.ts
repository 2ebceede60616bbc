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
      searchCountLimit: 10000,
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
      SEARCH_COUNT_LIMIT: '500',
    });
    expect(config).toMatchObject({
      port: 9000,
      databaseUrl: 'postgres://u:p@db:5432/app',
      secretKey: 's3cret',
      secretKeyGenerated: false,
      accessTokenExpireMinutes: 60,
      corsOrigins: ['https://a.example', 'https://b.example'],
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
    [{ ALGORITHM: 'RS256' }, /^Invalid ALGORITHM: "RS256"/],
    [{ ACCESS_TOKEN_EXPIRE_MINUTES: '-5' }, /^Invalid ACCESS_TOKEN_EXPIRE_MINUTES/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid DATABASE_URL/],
    [{ DATABASE_HOSTNAME: 'h', DATABASE_PORT: 'x' }, /^Invalid DATABASE_PORT/],
    [{ NODE_ENV: 'staging' }, /^Invalid NODE_ENV/],
    [{ RUN_MIGRATIONS: 'maybe' }, /^Invalid RUN_MIGRATIONS/],
    [{ SEARCH_COUNT_LIMIT: '0' }, /^Invalid SEARCH_COUNT_LIMIT: "0"/],
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
