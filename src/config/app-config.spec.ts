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

  it('starts in production with a SECRET_KEY', () => {
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'k' }).secretKeyGenerated).toBe(false);
  });
});
