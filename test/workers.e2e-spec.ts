import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { freePort, freshDataDir, removeDir, spawnServer, startServer, ServerProcess } from './support/server-process';

/** Pids of the live processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') kids.push(Number(entry));
    } catch {
      // The process ended while the directory was read.
    }
  }
  return kids.sort();
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One request on a connection of its own, so that the primary hands each to a worker in turn. */
function send(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest(`${url}${path}`, { method, agent: false, headers: { Connection: 'close', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode!));
    });
    req.on('error', fail);
    req.end(body);
  });
}

type LogLine = { pid: number; msg?: string; req?: { id: string } };
const logLines = (server: ServerProcess): LogLine[] =>
  server
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

/** The pids whose log lines answered the requests tagged `tag-*`. */
const answeredBy = (server: ServerProcess, tag: string) =>
  [...new Set(logLines(server).filter((l) => l.req?.id.startsWith(`${tag}-`)).map((l) => l.pid))].sort();

async function tagged(server: ServerProcess, tag: string, count: number): Promise<number[]> {
  for (let i = 0; i < count; i++) expect(await send(server.url, 'GET', '/', { 'X-Request-Id': `${tag}-${i}` })).toBe(200);
  await new Promise((r) => setTimeout(r, 200));
  return answeredBy(server, tag);
}

describe('WEB_CONCURRENCY', () => {
  it('refuses more than one worker on the embedded database, in one line', async () => {
    const dir = freshDataDir();
    try {
      const proc = spawnServer({ DATA_DIR: dir, DATABASE_URL: '', WEB_CONCURRENCY: '2' });
      expect(await proc.exited).toBe(1);
      expect(proc.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^Invalid WEB_CONCURRENCY: "2" needs DATABASE_URL/)]);
    } finally {
      removeDir(dir);
    }
  });
});

// Workers need a PostgreSQL server: the embedded database is one process's. CI runs this file on PostgreSQL.
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('WEB_CONCURRENCY=2 (PostgreSQL)', () => {
  jest.setTimeout(120_000);

  it('serves from two workers, shares the rate limits, replaces a worker that dies, and drains both on SIGTERM', async () => {
    const server = await startServer({
      WEB_CONCURRENCY: '2',
      BCRYPT_ROUNDS: '12',
      LOGIN_MAX_FAILURES: '1000',
      LOGIN_MAX_FAILURES_PER_CLIENT: '3',
    });
    const primary = server.child.pid!;
    try {
      const workers = await waitFor('two listening workers', () => {
        const kids = childrenOf(primary);
        const listening = logLines(server).filter((l) => l.pid === primary && /^worker \d+ listening$/.test(l.msg ?? ''));
        return kids.length === 2 && listening.length === 2 && kids;
      });
      expect(await tagged(server, 'first', 8)).toEqual(workers);

      // The per-client failure count is the primary's, not each worker's: the fourth failure is refused
      // although it lands on a worker that has seen only one or two of the first three.
      const fail = (i: number) =>
        send(server.url, 'POST', '/login', { 'Content-Type': 'application/x-www-form-urlencoded' }, `username=nobody${i}%40example.com&password=wrong`);
      expect([await fail(1), await fail(2), await fail(3)]).toEqual([403, 403, 403]);
      expect(await fail(4)).toBe(429);

      const [victim, survivor] = workers;
      process.kill(victim, 'SIGKILL');
      const replaced = await waitFor('a new worker in place of the killed one', () => {
        const kids = childrenOf(primary);
        const replacement = kids.find((pid) => !workers.includes(pid));
        const listening = logLines(server).some((l) => l.pid === primary && l.msg === `worker ${replacement} listening`);
        return kids.length === 2 && replacement !== undefined && listening && kids;
      });
      expect(replaced).toContain(survivor);
      expect(replaced).not.toContain(victim);
      expect(await tagged(server, 'after', 8)).toEqual(replaced);

      // A registration spends ~200 ms in bcrypt at cost 12: it is in flight when the signal arrives.
      const inFlight = send(server.url, 'POST', '/users', { 'Content-Type': 'application/json' }, JSON.stringify({ email: `drain-${Date.now()}@example.com`, password: 'password123' }));
      await new Promise((r) => setTimeout(r, 60));
      server.child.kill('SIGTERM');
      expect(await inFlight).toBe(201);
      expect(await server.exited).toBe(0);
      // The primary waited for its workers: none is left running (or unreaped).
      for (const pid of replaced) expect(existsSync(`/proc/${pid}`)).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('serves GET /metrics on METRICS_PORT from the primary: the sum of both workers', async () => {
    const metricsPort = await freePort();
    const server = await startServer({ WEB_CONCURRENCY: '2', METRICS_PORT: String(metricsPort) });
    try {
      await waitFor('two listening workers', () => logLines(server).filter((l) => /^worker \d+ listening$/.test(l.msg ?? '')).length === 2);
      expect(await tagged(server, 'metrics', 10)).toHaveLength(2);
      const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^http_request_duration_seconds_count\{route="\/",method="GET",status="200"\} 10$/m);
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ status: check.status, out: check.stdout + check.stderr }).toEqual({ status: 0, out: '' });
    } finally {
      await server.stop();
    }
  });
});
