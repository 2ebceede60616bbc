import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Initialise one empty PGlite cluster for the whole run (a cold start costs
 * seconds and ~800 MB); each app a test starts on the embedded database opens its own copy.
 */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'social-api-template-'));
  const pglite = await PGlite.create(dir);
  await pglite.close();
  process.env.TEST_PGLITE_TEMPLATE = dir;
}
