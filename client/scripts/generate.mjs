// Writes client/openapi.json (the app's OpenAPI document) and client/src/schema.d.ts (its
// types, by openapi-typescript) from the compiled API in dist/ (npm run build:api first).
// With --check, writes nothing and exits 1 if either file differs from what it would write:
// CI's drift check (npm run client:check).
//
// The document comes from an app made with Nest's `preview: true`: the modules and controllers
// are scanned as in production, but no provider is instantiated, so no database is opened.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const clientDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = join(clientDir, '..');
const require = createRequire(join(rootDir, 'package.json'));

const { NestFactory } = require('@nestjs/core');
const { ExpressAdapter } = require('@nestjs/platform-express');
const { default: openapiTS, astToString } = await import('openapi-typescript');
const { AppModule } = require(join(rootDir, 'dist/src/app.module.js'));
const { loadConfig } = require(join(rootDir, 'dist/src/config/app-config.js'));
const { openApiDocument } = require(join(rootDir, 'dist/src/docs.js'));

async function buildDocument() {
  // The document does not depend on the configuration; DATA_DIR is never created in preview mode.
  const config = loadConfig({ NODE_ENV: 'test', SECRET_KEY: 'openapi-generator', LOG_LEVEL: 'silent', DATA_DIR: join(clientDir, '.never-created') });
  const app = await NestFactory.create(AppModule.forRoot(config), new ExpressAdapter(), { preview: true, logger: false, abortOnError: false, bodyParser: false });
  try {
    return openApiDocument(app, config);
  } finally {
    await app.close();
  }
}

const HEADER = `/**
 * Generated from the API's OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with \`npm run client:generate\`; \`npm run client:check\` (CI) fails when it is stale.
 */

`;

const document = await buildDocument();
const files = {
  [join(clientDir, 'openapi.json')]: `${JSON.stringify(document, null, 2)}\n`,
  [join(clientDir, 'src/schema.d.ts')]: HEADER + astToString(await openapiTS(document)),
};

if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([path, text]) => {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // a missing file is stale
    }
    return current !== text;
  });
  for (const [path, text] of stale) {
    // The fresh text goes to a temporary file, so that diff can show what changed.
    const fresh = join(mkdtempSync(join(tmpdir(), 'client-check-')), basename(path));
    writeFileSync(fresh, text);
    console.error(`${relative(rootDir, path)} is not what the API's OpenAPI document generates:`);
    console.error(spawnSync('diff', ['-u', path, fresh], { encoding: 'utf8' }).stdout.split('\n').slice(0, 60).join('\n'));
  }
  if (stale.length) {
    console.error('The API changed without the client: run `npm run client:generate` and commit the result.');
    process.exit(1);
  }
  console.log('client/openapi.json and client/src/schema.d.ts match the API');
} else {
  for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
  console.log(`wrote ${Object.keys(files).map((p) => relative(rootDir, p)).join(', ')}`);
}
