// `npm run build` (and `npm pack`, through prepack): dist/esm and dist/cjs, each with its
// declarations and a package.json naming its module type, so that Node and TypeScript read
// each half as what it is (package.json's "exports" sends import to one, require to the other).
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const FORMATS = {
  esm: { type: 'module', options: [] },
  // node16 emits CommonJS for src/ (this package.json has no "type"); verbatimModuleSyntax forbids that.
  cjs: { type: 'commonjs', options: ['--module', 'node16', '--moduleResolution', 'node16', '--verbatimModuleSyntax', 'false'] },
};

rmSync(join(clientDir, 'dist'), { recursive: true, force: true });
for (const [name, { type, options }] of Object.entries(FORMATS)) {
  const out = join(clientDir, 'dist', name);
  execFileSync(process.execPath, [tsc, '-p', join(clientDir, 'tsconfig.json'), '--outDir', out, ...options], { stdio: 'inherit' });
  // tsc does not copy declaration files of the source: the generated schema is one.
  copyFileSync(join(clientDir, 'src', 'schema.d.ts'), join(out, 'schema.d.ts'));
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type })}\n`);
}
