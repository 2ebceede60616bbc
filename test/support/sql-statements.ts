import { Client } from 'pg';

type Query = Client['query'];

/**
 * Runs `work` and returns, beside its result, every SQL statement that reached the
 * `pg` driver meanwhile, whatever path it took (repository, query builder, raw
 * query, transaction control). Both databases go through `pg`: PGlite through its
 * node-postgres adapter. Only for work that runs alone (one request at a time).
 */
export async function recordStatements<T>(work: () => PromiseLike<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: Parameters<Query>) {
    const [config] = args as unknown[];
    statements.push(typeof config === 'string' ? config : String((config as { text?: string })?.text ?? config));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as Query;
  try {
    return { result: await work(), statements };
  } finally {
    Client.prototype.query = original;
  }
}
