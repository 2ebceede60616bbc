import { Global, Module } from '@nestjs/common';
import { DatabaseMetrics } from './database-metrics';
import { Metrics } from './metrics';
import { MetricsServer } from './metrics-server';

/** Metrics (src/metrics/metrics.ts) for any module to add to, and their listener. */
@Global()
@Module({
  providers: [Metrics, MetricsServer, DatabaseMetrics],
  exports: [Metrics, MetricsServer],
})
export class MetricsModule {}
