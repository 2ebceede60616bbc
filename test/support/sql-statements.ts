import { Client, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PUBLISH_SQL } from '../../src/events/event-bus';
import { BACKGROUND_SQL } from '../../src/timeline/timeline-fanout';

type Query = Client['query'];

/**
 * Runs `work` and returns, beside its result, every SQL statement that reached the
 * `pg` driver meanwhile, whatever path it took (repository, query builder, raw
 * query, transaction control), but for the background work that marks its
 * statements (BACKGROUND_SQL: the timeline worker) and the events published to the other
 * instances (PUBLISH_SQL), which are counted apart (`published`). Both databases go through `pg`:
 * PGlite through its node-postgres adapter. Only for work that runs alone (one
 * request at a time).
 * `servers[i]` is the port of the server statement i went to (which of primary and replicas).
 */
export async function recordStatements<T>(work: () => PromiseLike<T>): Promise<{ result: T; statements: string[]; servers: number[]; published: number }> {
  const statements: string[] = [];
  let published = 0;
  const servers: number[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: Parameters<Query>) {
    const [config] = args as unknown[];
    const text = typeof config === 'string' ? config : String((config as { text?: string })?.text ?? config);
    if (text.startsWith(PUBLISH_SQL)) published++;
    else if (!text.startsWith(BACKGROUND_SQL)) {
      statements.push(text);
      servers.push(this.port);
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as Query;
  try {
    return { result: await work(), statements, servers, published };
  } finally {
    Client.prototype.query = original;
  }
}

/**
 * Makes the next statement on the app's primary pool fail with `error`: the token check
 * and the routed reads run there (ReadRouting.onPrimary), not through DataSource.query().
 */
export function failNextPrimaryStatement(db: DataSource, error: Error): { mockRestore(): void } {
  const pool = (db.driver as unknown as { master: Pool }).master;
  return jest.spyOn(pool as unknown as { query: () => Promise<unknown> }, 'query').mockRejectedValueOnce(error);
}
