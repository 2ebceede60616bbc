import { DataSource } from 'typeorm';

/**
 * The rows a statement returns, whatever its kind: TypeORM's plain query() answers
 * an UPDATE or DELETE ... RETURNING with [rows, count] and anything else with rows.
 */
export async function rowsOf<T>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const runner = db.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).records as T[];
  } finally {
    await runner.release();
  }
}
