// `npm run build:web` (and so `npm start`): Vite builds web/dist only when something it is
// built from changed since the last build, so that a restart does not wait for a build of
// the same files. A directory's time changes when a file in it is added or removed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(web, '..');
const INPUTS = [
  ...['index.html', 'src', 'public', 'vite.config.ts', 'package.json'].map((name) => join(web, name)),
  // The client's TypeScript source is bundled in; the lockfile says which React and Vite.
  join(root, 'client', 'src'),
  join(root, 'client', 'package.json'),
  join(root, 'package-lock.json'),
];
const BUILT = join(web, 'dist', 'index.html');

/** The latest modification time of a file or of anything under a directory. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
if (INPUTS.some((input) => existsSync(input) && newest(input) > built)) {
  // Loaded only to build: it takes longer than the check.
  const { build } = await import('vite');
  await build({ root: web });
}
else console.log('web/dist is up to date');
