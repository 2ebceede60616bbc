import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';
import { MigratingDataSource } from './migrating-data-source';
import { ReadRouting, RecordWrites } from './read-routing';

/** The embedded database, or undefined on a PostgreSQL server (DATABASE_URL). */
export const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

/** Holds the embedded database when there is no DATABASE_URL, and closes it after the DataSource. */
class EmbeddedPostgresHolder implements OnApplicationShutdown {
  constructor(readonly embedded: EmbeddedPostgres | undefined) {}

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.close();
  }
}

@Module({
  providers: [
    {
      provide: EmbeddedPostgresHolder,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) =>
        new EmbeddedPostgresHolder(config.databaseUrl ? undefined : await EmbeddedPostgres.open(config.dataDir)),
    },
  ],
  exports: [EmbeddedPostgresHolder],
})
class EmbeddedPostgresModule {}

@Global()
@Module({
  imports: [
    EmbeddedPostgresModule,
    TypeOrmModule.forRootAsync({
      imports: [EmbeddedPostgresModule],
      inject: [APP_CONFIG, EmbeddedPostgresHolder],
      useFactory: (config: AppConfig, holder: EmbeddedPostgresHolder) => ({ ...dataSourceOptions(config, holder.embedded), autoLoadEntities: true }),
      dataSourceFactory: async (options) => new MigratingDataSource(options!),
    }),
  ],
  // RecordWrites is a global guard that configureApp registers after the token's guard.
  providers: [ReadRouting, RecordWrites, { provide: EMBEDDED_POSTGRES, inject: [EmbeddedPostgresHolder], useFactory: (holder: EmbeddedPostgresHolder) => holder.embedded }],
  exports: [ReadRouting, RecordWrites, EMBEDDED_POSTGRES],
})
export class DatabaseModule {}
