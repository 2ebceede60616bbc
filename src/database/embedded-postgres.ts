import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { lock } from 'proper-lockfile';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), keeping its files in one directory.
 * PGlite itself does not stop a second process from opening the same directory
 * (both would then silently lose rows), so the directory is locked while open.
 *
 * Memory: with PostgreSQL's defaults, sized for a server, the API on PGlite sat at ~390 MB
 * resident at rest. Two settings bring it to ~210 MB, with no loss of speed measured on the
 * feed, a post or a write:
 * - `shared_buffers` 16MB instead of initdb's 128MB, whose pages all end up resident in the
 *   WebAssembly heap. Rows past it are read from the operating system's file cache. Given as
 *   a start parameter, so the data directory's postgresql.conf stays as it was.
 * - WebAssembly compiled by V8's baseline compiler (Liftoff) only: by default V8 also
 *   recompiles hot functions with its optimizing compiler and keeps both, ~55 MB for
 *   PostgreSQL's 9 MB module. The flag holds for every module compiled after it is set, and
 *   PGlite's is the process's only large one.
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
      setFlagsFromString('--liftoff-only');
      const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
      return new EmbeddedPostgres(await PGlite.create(dataDir, { extensions: { pg_trgm }, startParams }), unlock);
    } catch (err) {
      await unlock();
      throw err;
    }
  }

  /** Options for the `pg` driver that route its one connection into PGlite. */
  pgConfig(): object {
    return { ...createPgConfig(this.pglite) };
  }

  /** PostgreSQL's LISTEN on the embedded database: NOTIFY from any statement, on commit. */
  async listen(channel: string, deliver: (payload: string) => void): Promise<() => Promise<void>> {
    return this.pglite.listen(channel, deliver);
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
    await this.unlock();
  }
}
