import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(__dirname, '../../dist/src/main.js');

/** The SECRET_KEY of the servers these tests start: production takes 32 bytes or more. */
export const PROCESS_TEST_SECRET = 'process-test-secret-of-at-least-32-bytes';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  readyAfterMs: number;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

/** A fresh copy of the initialised embedded cluster. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'social-api-proc-'));
  if (process.env.TEST_PGLITE_TEMPLATE) cpSync(process.env.TEST_PGLITE_TEMPLATE, dir, { recursive: true });
  return dir;
}

/** The compiled server (npm run build) as production runs it, on the test database. */
export function spawnServer(env: Record<string, string>): Omit<ServerProcess, 'url' | 'readyAfterMs'> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SECRET_KEY: PROCESS_TEST_SECRET,
      // Nothing is sent unless a test asks for a reset link; production needs the link's page with it.
      SMTP_URL: 'smtp://127.0.0.1:9',
      PASSWORD_RESET_URL: 'https://social.example/reset-password',
      LOG_LEVEL: 'info',
      ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const started = Date.now();
  const proc = spawnServer({ PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`server exited: ${proc.stderr()}${proc.stdout()}`);
    if (Date.now() - started > 60_000) throw new Error('server did not become ready in 60 s');
    const ok = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ...proc, url, readyAfterMs: Date.now() - started };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
