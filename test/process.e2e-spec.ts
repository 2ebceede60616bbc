import { freshDataDir, removeDir, spawnServer, startServer } from './support/server-process';

/** These run the compiled server (npm test builds it first) as a separate process. */
describe('the server process', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = freshDataDir();
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach(removeDir));

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ ALGORITHM: 'HS512' }, 'ALGORITHM'],
    [{ SECRET_KEY: '' }, 'SECRET_KEY'],
    [{ SMTP_URL: '' }, 'SMTP_URL'],
    [{ ALGORITHM: 'ES256', JWT_PRIVATE_KEY: 'not a key' }, 'JWT_PRIVATE_KEY'],
  ])('refuses to start on %o, with one line naming the variable', async (env, variable) => {
    const proc = spawnServer({ DATA_DIR: dataDir(), ...env });
    expect(await proc.exited).toBe(1);
    const lines = proc.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(proc.stdout()).toBe('');
  });

  it('logs one JSON line per request with method, path, status, duration and request id, and no secret', async () => {
    const server = await startServer({ DATA_DIR: dataDir(), BCRYPT_ROUNDS: '4' });
    try {
      const email = `log-${Date.now()}@example.com`;
      const password = 'very-secret-password';
      await fetch(`${server.url}/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
      const login = await fetch(`${server.url}/login`, { method: 'POST', body: new URLSearchParams({ username: email, password }) });
      const { access_token: token } = (await login.json()) as { access_token: string };
      const me = await fetch(`${server.url}/users/me?x=1`, { headers: { Authorization: `Bearer ${token}`, 'X-Request-Id': 'trace-me-42' } });
      expect(me.status).toBe(200);
      expect(me.headers.get('x-request-id')).toBe('trace-me-42');
      await new Promise((r) => setTimeout(r, 200));

      const lines = server.stdout().trim().split('\n').map((line) => JSON.parse(line));
      const line = lines.find((l) => l.req?.id === 'trace-me-42');
      expect(line).toMatchObject({ level: 30, req: { id: 'trace-me-42', method: 'GET', path: '/users/me' }, res: { status: 200 } });
      expect(typeof line.responseTime).toBe('number');
      expect(lines.filter((l) => l.req?.path === '/login')).toHaveLength(1);
      for (const secret of [password, token, 'Bearer', 'authorization']) expect(server.stdout()).not.toContain(secret);
    } finally {
      await server.stop();
    }
  });

  it('writes pretty lines, not JSON, in development', async () => {
    const server = await startServer({ DATA_DIR: dataDir(), NODE_ENV: 'development' });
    try {
      await fetch(`${server.url}/`, { headers: { 'X-Request-Id': 'pretty-1' } });
      await new Promise((r) => setTimeout(r, 300));
      const line = server.stdout().split('\n').find((l) => l.includes('pretty-1'));
      expect(line).toMatch(/INFO.*GET \/ 200/);
      expect(() => JSON.parse(line!)).toThrow();
    } finally {
      await server.stop();
    }
  });

  it('finishes in-flight requests on SIGTERM, refuses new ones, exits 0 within 10 s, and leaves the data directory reusable', async () => {
    const dir = dataDir();
    const server = await startServer({ DATA_DIR: dir, DATABASE_URL: '', BCRYPT_ROUNDS: '12' });
    const email = `drain-${Date.now()}@example.com`;
    // A registration spends ~200 ms in bcrypt: it is still running when the signal arrives.
    const inFlight = fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'password123' }),
    });
    await new Promise((r) => setTimeout(r, 60));
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(201);
    expect(await server.exited).toBe(0);
    const shutdownMs = Date.now() - signalledAt;
    // The budget is 10 s; draining one request takes well under a second, and 3 s catches a connection left open.
    expect(shutdownMs).toBeLessThan(3_000);
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
    process.stdout.write(`ready after ${server.readyAfterMs} ms; shutdown took ${shutdownMs} ms\n`);

    // The embedded database was closed and unlocked: a new process opens it, with the user in it.
    const again = await startServer({ DATA_DIR: dir, DATABASE_URL: '', BCRYPT_ROUNDS: '12' });
    try {
      const login = await fetch(`${again.url}/login`, { method: 'POST', body: new URLSearchParams({ username: email, password: 'password123' }) });
      expect(login.status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('refuses to open an embedded database another process holds', async () => {
    const dir = dataDir();
    const first = await startServer({ DATA_DIR: dir, DATABASE_URL: '' });
    try {
      const second = spawnServer({ DATA_DIR: dir, DATABASE_URL: '', PORT: '0' });
      expect(await second.exited).not.toBe(0);
      expect(second.stdout() + second.stderr()).toContain('is in use by another process');
      expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });
});
