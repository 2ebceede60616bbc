import { execFileSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { freshDataDir, removeDir, startServer } from './support/server-process';

/**
 * What `npm start` does before and at start: it builds only what changed since the last
 * build (`npm test` has just built everything), and its last start-up line says where to go.
 */
jest.setTimeout(90_000);

const ROOT = join(__dirname, '..');
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });

describe('npm start', () => {
  it('builds neither the API nor the web app when nothing changed, and the web app again when one of its files did', () => {
    expect(run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json', '--verbose'])).toMatch(/is up to date/);
    expect(run(process.execPath, ['web/scripts/build-if-stale.mjs'])).toBe('web/dist is up to date\n');

    const now = new Date();
    utimesSync(join(ROOT, 'web', 'index.html'), now, now);
    expect(run(process.execPath, ['web/scripts/build-if-stale.mjs'])).toMatch(/built in/);
    expect(run(process.execPath, ['web/scripts/build-if-stale.mjs'])).toBe('web/dist is up to date\n');
  });

  it('ends its start-up lines with the addresses of the API, the web app and the docs', async () => {
    const dir = freshDataDir();
    const server = await startServer({ DATA_DIR: dir, DATABASE_URL: '' });
    try {
      const port = new URL(server.url).port;
      const lines = server
        .stdout()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string; req?: unknown });
      // The readiness probes of startServer come after it; they are requests, not start-up lines.
      const startUp = lines.filter((line) => line.req === undefined);
      expect(startUp.at(-1)?.msg).toBe(
        `Listening on http://localhost:${port}: the web app at http://localhost:${port}/app/, the API docs at http://localhost:${port}/docs`,
      );
    } finally {
      await server.stop();
      removeDir(dir);
    }
  });
});
