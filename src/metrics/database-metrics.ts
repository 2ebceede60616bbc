import { Injectable } from '@nestjs/common';
import { ReadRouting } from '../database/read-routing';
import { Metrics } from './metrics';

/** Connections of each database pool (the primary's, and each replica's), read at every scrape. */
@Injectable()
export class DatabaseMetrics {
  constructor(metrics: Metrics, reads: ReadRouting) {
    metrics.gauge({
      name: 'social_api_db_pool_in_use',
      help: 'Database connections running a statement, by pool',
      labelNames: ['pool'],
      collect() {
        for (const { name, pool } of reads.pools()) this.set({ pool: name }, pool.totalCount - pool.idleCount);
      },
    });
    metrics.gauge({
      name: 'social_api_db_pool_waiting',
      help: 'Statements waiting for a database connection, by pool',
      labelNames: ['pool'],
      collect() {
        for (const { name, pool } of reads.pools()) this.set({ pool: name }, pool.waitingCount);
      },
    });
  }
}
