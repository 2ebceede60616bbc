import { DataSource, Migration, MigrationExecutor } from 'typeorm';

/** The migrations' advisory lock key: any constant, the same in every version of the app. */
export const MIGRATION_LOCK_KEY = 7_163_020_851;

/**
 * A DataSource whose pending migrations all run in one transaction that first takes a
 * transaction-level advisory lock. Instances that start at the same moment queue on the
 * lock; each then reads the migrations table as the previous holder committed it and
 * finds nothing left to do, instead of running the same migration twice and failing.
 * Transaction-level, not session-level: it holds behind PgBouncer in transaction mode,
 * and it is released by the commit, a rollback or a dropped connection, never left
 * behind. The app (migrationsRun) and the TypeORM CLI (migration:run) both come here.
 *
 * All pending migrations commit together or not at all. A migration that cannot run in a
 * transaction (CREATE INDEX CONCURRENTLY, `transaction = false`) is refused by TypeORM.
 */
export class MigratingDataSource extends DataSource {
  override async runMigrations(options?: { fake?: boolean }): Promise<Migration[]> {
    const runner = this.createQueryRunner('master');
    try {
      await runner.startTransaction();
      await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const executor = new MigrationExecutor(this, runner);
      // 'all' inside a transaction that is already open: TypeORM opens and commits none of its own.
      executor.transaction = 'all';
      executor.fake = options?.fake ?? false;
      const applied = await executor.executePendingMigrations();
      await runner.commitTransaction();
      return applied;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }
}
