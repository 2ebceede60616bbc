import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, readEnv } from './src/config/app-config';
import { dataSourceOptions } from './src/database/data-source-options';
import { EmbeddedPostgres } from './src/database/embedded-postgres';

/** The TypeORM CLI's data source: the same config, entities and migrations as the app. */
export default (async () => {
  const config = loadConfig(readEnv());
  const embedded = config.databaseUrl ? undefined : await EmbeddedPostgres.open(config.dataDir);
  return new DataSource({ ...dataSourceOptions(config, embedded), migrationsRun: false });
})();
