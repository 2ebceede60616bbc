import { linkIn, MailCatcher } from './support/mail-catcher';
import { freshDataDir, PROCESS_TEST_SECRET, removeDir, spawnServer, startServer } from './support/server-process';

/**
 * These run the compiled server (npm test builds it first) as a separate process.
 * Some start two servers on a new embedded database, each up to seconds on a busy machine.
 */
jest.setTimeout(90_000);

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
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
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
    const mail = await MailCatcher.start();
    const smtpPassword = 'smtp-secret-pass';
    const server = await startServer({ DATA_DIR: dataDir(), BCRYPT_ROUNDS: '4', SMTP_URL: mail.url.replace('//', `//mailer:${smtpPassword}@`) });
    try {
      const email = `log-${Date.now()}@example.com`;
      const password = 'very-secret-password';
      const post = (path: string, body: object, token?: string) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      const form = (fields: Record<string, string>) => fetch(`${server.url}/login`, { method: 'POST', body: new URLSearchParams(fields) });
      await post('/users', { email, password });
      const login = await form({ username: email, password });
      const { access_token: token, refresh_token: refreshToken } = (await login.json()) as { access_token: string; refresh_token: string };
      const me = await fetch(`${server.url}/users/me?x=1`, { headers: { Authorization: `Bearer ${token}`, 'X-Request-Id': 'trace-me-42' } });
      expect(me.status).toBe(200);
      expect(me.headers.get('x-request-id')).toBe('trace-me-42');

      // Every kind of secret of the sessions and accounts routes passes through the server once.
      const refreshed = (await (await form({ grant_type: 'refresh_token', refresh_token: refreshToken })).json()) as { access_token: string; refresh_token: string };
      expect((await form({ grant_type: 'refresh_token', refresh_token: refreshToken })).status).toBe(401);
      expect((await post('/password-reset', { email })).status).toBe(202);
      const resetToken = linkIn(await mail.nextMailTo(email)).searchParams.get('token')!;
      const resetPassword = 'reset-secret-password';
      expect((await post('/password-reset/confirm', { token: resetToken, new_password: resetPassword })).status).toBe(204);
      const again = (await (await form({ username: email, password: resetPassword })).json()) as { access_token: string; refresh_token: string };
      const changedPassword = 'changed-secret-password';
      const change = await fetch(`${server.url}/users/me/password`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${again.access_token}` },
        body: JSON.stringify({ current_password: resetPassword, new_password: changedPassword }),
      });
      expect(change.status).toBe(204);
      expect((await post('/logout', {}, again.access_token)).status).toBe(204);
      await new Promise((r) => setTimeout(r, 200));

      const lines = server.stdout().trim().split('\n').map((line) => JSON.parse(line));
      const line = lines.find((l) => l.req?.id === 'trace-me-42');
      expect(line).toMatchObject({ level: 30, req: { id: 'trace-me-42', method: 'GET', path: '/users/me' }, res: { status: 200 } });
      expect(typeof line.responseTime).toBe('number');
      expect(lines.filter((l) => l.req?.path === '/login')).toHaveLength(4);
      const secrets = [password, resetPassword, changedPassword, token, refreshed.access_token, again.access_token, resetToken, smtpPassword, PROCESS_TEST_SECRET];
      for (const pair of [refreshToken, refreshed.refresh_token, again.refresh_token]) secrets.push(...pair.split('.'));
      const output = server.stdout() + server.stderr();
      for (const secret of [...secrets, 'Bearer', 'authorization']) expect(output).not.toContain(secret);
    } finally {
      await server.stop();
      await mail.close();
    }
    // More requests than the other tests, each password through bcrypt: more time on a busy machine.
  }, 60_000);

  it('writes the reset mail, link and all, to the log in development without SMTP_URL', async () => {
    const server = await startServer({ DATA_DIR: dataDir(), NODE_ENV: 'development', SMTP_URL: '', BCRYPT_ROUNDS: '4', PASSWORD_RESET_URL: 'http://localhost:3000/reset' });
    try {
      const email = `dev-mail-${Date.now()}@example.com`;
      const headers = { 'Content-Type': 'application/json' };
      await fetch(`${server.url}/users`, { method: 'POST', headers, body: JSON.stringify({ email, password: 'password123' }) });
      expect((await fetch(`${server.url}/password-reset`, { method: 'POST', headers, body: JSON.stringify({ email }) })).status).toBe(202);
      for (let i = 0; i < 50 && !server.stdout().includes('reset?token='); i++) await new Promise((r) => setTimeout(r, 100));
      const token = /http:\/\/localhost:3000\/reset\?token=([\w-]+)/.exec(server.stdout())?.[1];
      expect(token).toBeDefined();
      const confirm = await fetch(`${server.url}/password-reset/confirm`, { method: 'POST', headers, body: JSON.stringify({ token, new_password: 'password456' }) });
      expect(confirm.status).toBe(204);
    } finally {
      await server.stop();
    }
  }, 60_000);

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
