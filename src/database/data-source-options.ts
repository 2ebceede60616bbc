import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import type { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';

/**
 * One set of entities and migrations for both databases. `synchronize` stays off:
 * the schema changes only through reviewed migrations. Entities are not listed
 * here: the app takes those its feature modules register (TypeOrmModule.forFeature),
 * the TypeORM CLI (ormconfig.ts) every compiled `*.entity.js`.
 */
export function dataSourceOptions(config: AppConfig, embedded?: EmbeddedPostgres): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    migrations,
    // Run by MigratingDataSource: all pending ones in one transaction, under a lock.
    migrationsRun: config.runMigrations,
    synchronize: false,
    logging: false,
  };
  if (embedded) {
    // PGlite serves one query at a time over one connection; a larger pool
    // interleaves protocol messages and returns wrong results.
    return { ...common, poolSize: 1, connectTimeoutMS: 10_000, extra: embedded.pgConfig() };
  }
  return {
    ...common,
    url: config.databaseUrl,
    ssl: config.databaseSsl === 'off' ? false : { rejectUnauthorized: config.databaseSsl === 'verify-full' },
    poolSize: config.dbPoolSize,
    connectTimeoutMS: 5_000,
    applicationName: 'social-api',
  };
}
