import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig, readEnv } from './src/config/app-config';
import { dataSourceOptions } from './src/database/data-source-options';
import { EmbeddedPostgres } from './src/database/embedded-postgres';
import { MigratingDataSource } from './src/database/migrating-data-source';

/**
 * The TypeORM CLI's data source: the same config and migrations as the app, and
 * every entity of the compiled build (the CLI runs dist/ormconfig.js).
 */
export default (async () => {
  const config = loadConfig(readEnv());
  const embedded = config.databaseUrl ? undefined : await EmbeddedPostgres.open(config.dataDir);
  return new MigratingDataSource({ ...dataSourceOptions(config, embedded), entities: [join(__dirname, 'src/**/*.entity.js')], migrationsRun: false });
})();
