import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { lock } from 'proper-lockfile';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), keeping its files in one directory.
 * PGlite itself does not stop a second process from opening the same directory
 * (both would then silently lose rows), so the directory is locked while open.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly pglite: PGlite,
    private readonly unlock: () => Promise<void>,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    let unlock: () => Promise<void>;
    try {
      unlock = await lock(dataDir, { lockfilePath: join(dataDir, '.lock'), stale: 10_000, update: 2_000 });
    } catch (err) {
      if ((err as { code?: string }).code === 'ELOCKED') {
        throw new Error(`DATA_DIR ${dataDir} is in use by another process (one process per embedded database)`);
      }
      throw err;
    }
    try {
      return new EmbeddedPostgres(await PGlite.create(dataDir, { extensions: { pg_trgm } }), unlock);
    } catch (err) {
      await unlock();
      throw err;
    }
  }

  /** Options for the `pg` driver that route its one connection into PGlite. */
  pgConfig(): object {
    return { ...createPgConfig(this.pglite) };
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
    await this.unlock();
  }
}
