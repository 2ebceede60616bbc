import { freshDataDir, removeDir, spawnServer, startServer } from './support/server-process';

/**
 * Issue #17, findings 5 and 10, as production starts the compiled server
 * (npm test builds it first): what it refuses to start with, and what it starts without.
 */
jest.setTimeout(90_000);

const COURSE_EXAMPLE_KEY = '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7';

describe('start-up checks in production', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = freshDataDir();
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach(removeDir));

  it.each([
    ['a one-byte SECRET_KEY', { SECRET_KEY: 'a' }, 'SECRET_KEY'],
    ['a 31-byte SECRET_KEY', { SECRET_KEY: 'x'.repeat(31) }, 'SECRET_KEY'],
    ["the course's published example key", { SECRET_KEY: COURSE_EXAMPLE_KEY }, 'SECRET_KEY'],
    ['the example key in capitals', { SECRET_KEY: COURSE_EXAMPLE_KEY.toUpperCase() }, 'SECRET_KEY'],
    ['SMTP_URL without PASSWORD_RESET_URL', { SMTP_URL: 'smtp://127.0.0.1:9', PASSWORD_RESET_URL: '' }, 'PASSWORD_RESET_URL'],
  ])('refuses %s with one line naming the variable', async (_case, env, variable) => {
    const proc = spawnServer({ DATA_DIR: dataDir(), ...env });
    expect(await proc.exited).toBe(1);
    const lines = proc.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(proc.stdout()).toBe('');
  });

  it('starts with a 32-byte key, and in development with any key', async () => {
    const envs: Record<string, string>[] = [{ SECRET_KEY: 'k'.repeat(32) }, { NODE_ENV: 'development', SECRET_KEY: 'a' }];
    for (const env of envs) {
      const server = await startServer({ DATA_DIR: dataDir(), ...env });
      await server.stop();
    }
  });

  it('starts without SMTP_URL, warns once, and answers POST /password-reset with 503', async () => {
    const server = await startServer({ DATA_DIR: dataDir(), SMTP_URL: '', PASSWORD_RESET_URL: '', BCRYPT_ROUNDS: '4' });
    try {
      const post = (path: string, body: object) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post('/users', { email: 'heroku@example.com', password: 'password123' })).status).toBe(201);
      for (let i = 0; i < 2; i++) {
        const res = await post('/password-reset', { email: 'heroku@example.com' });
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ detail: 'Password reset is not configured' });
      }
      await new Promise((r) => setTimeout(r, 200));
      const lines = server.stdout().trim().split('\n').map((line) => JSON.parse(line));
      const warnings = lines.filter((l) => /SMTP_URL/.test(l.msg));
      expect(warnings).toHaveLength(1);
      expect(warnings[0].level).toBe(40);
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  // Finding 2: behind a proxy, TRUST_PROXY_HOPS=0 makes every client the proxy's address.
  const jsonLines = (output: string) => output.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const proxyWarnings = (output: string) => jsonLines(output).filter((l) => /TRUST_PROXY_HOPS/.test(l.msg));

  it('warns once, naming TRUST_PROXY_HOPS, at the first request from a private peer while it is 0', async () => {
    const server = await startServer({ DATA_DIR: dataDir(), TRUST_PROXY_HOPS: '0' });
    try {
      expect(proxyWarnings(server.stdout())).toEqual([]);
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/`, { headers: { 'X-Forwarded-For': '203.0.113.5' } })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      const warnings = proxyWarnings(server.stdout());
      expect(warnings).toHaveLength(1);
      expect(warnings[0].level).toBe(40);
      expect(warnings[0].msg).toMatch(/127\.0\.0\.1.*private address/);
    } finally {
      await server.stop();
    }
  });

  it('does not warn with TRUST_PROXY_HOPS set, nor outside production', async () => {
    const envs: Record<string, string>[] = [{ TRUST_PROXY_HOPS: '1' }, { NODE_ENV: 'development', LOG_PRETTY: 'false' }];
    for (const env of envs) {
      const server = await startServer({ DATA_DIR: dataDir(), ...env });
      try {
        expect((await fetch(`${server.url}/`)).status).toBe(200);
        await new Promise((r) => setTimeout(r, 200));
        expect(proxyWarnings(server.stdout())).toEqual([]);
      } finally {
        await server.stop();
      }
    }
  });
});
