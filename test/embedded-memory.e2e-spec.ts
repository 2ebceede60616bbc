import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDataDir, removeDir, startServer } from './support/server-process';

/**
 * The embedded default's memory (src/database/embedded-postgres.ts): the compiled server
 * on PGlite, as `npm start` runs it with no DATABASE_URL, stays within 250 MB resident at
 * rest, before and after some work. PostgreSQL's server defaults made it ~390 MB.
 */
jest.setTimeout(90_000);

const LIMIT_MB = 250;

/** Resident memory of a process, from Linux's /proc. */
const residentMb = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const settle = () => new Promise((done) => setTimeout(done, 2_000));
/**
 * At rest: the lowest of three readings a second apart after a settle, since a reading taken
 * during a garbage collection (or while the machine pages under other load) is a peak, not rest.
 */
const restingMb = async (pid: number) => {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((done) => setTimeout(done, 1_000));
    readings.push(residentMb(pid));
  }
  return Math.min(...readings);
};

describe('the embedded database', () => {
  it(`keeps the server within ${LIMIT_MB} MB resident at rest, and leaves the data directory's configuration as it was`, async () => {
    const dir = freshDataDir();
    const conf = readFileSync(join(dir, 'postgresql.conf'), 'utf8');
    const server = await startServer({ DATA_DIR: dir, DATABASE_URL: '', BCRYPT_ROUNDS: '4', LOG_LEVEL: 'warn' });
    try {
      await settle();
      const afterStart = await restingMb(server.child.pid!);

      const json = (path: string, body: object, token?: string) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      await json('/users', { email: 'memory@example.com', password: 'password123' });
      const login = await fetch(`${server.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'memory@example.com', password: 'password123' }) });
      const { access_token: token } = (await login.json()) as { access_token: string };
      for (let i = 0; i < 100; i++) expect((await json('/posts', { title: `post ${i}`, content: 'x'.repeat(2000) }, token)).status).toBe(201);
      for (let i = 0; i < 100; i++) {
        const feed = await fetch(`${server.url}/posts?limit=100&search=post`, { headers: { Authorization: `Bearer ${token}` } });
        expect(feed.status).toBe(200);
        await feed.arrayBuffer();
      }
      await settle();
      const afterWork = await restingMb(server.child.pid!);

      process.stdout.write(`embedded default: ${afterStart.toFixed(0)} MB resident after start, ${afterWork.toFixed(0)} MB after 100 posts and 100 feed pages\n`);
      expect(afterStart).toBeLessThanOrEqual(LIMIT_MB);
      expect(afterWork).toBeLessThanOrEqual(LIMIT_MB);
    } finally {
      await server.stop();
      expect(readFileSync(join(dir, 'postgresql.conf'), 'utf8')).toBe(conf);
      removeDir(dir);
    }
  });
});
