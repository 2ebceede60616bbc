import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import cluster from 'node:cluster';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AggregatorRegistry, collectDefaultMetrics } from 'prom-client';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { Metrics } from './metrics';

/**
 * A listener of its own on METRICS_PORT that answers GET /metrics and nothing else,
 * so that the metrics stay off the public port (keep METRICS_PORT out of reach of the
 * internet: firewall it, or expose it only on the private network Prometheus scrapes).
 * Used by a lone process, and by the primary of WEB_CONCURRENCY workers (workers.ts),
 * which serves the sum of its workers' metrics.
 */
export function serveMetrics(port: number, metrics: () => Promise<string>, contentType: string): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    const answer = (status: number, headers: Record<string, string>, body: string) => res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : body);
    const json = { 'Content-Type': 'application/json; charset=utf-8' };
    if (path !== '/metrics') return answer(404, json, '{"detail":"Not Found"}');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, { ...json, Allow: 'GET, HEAD' }, '{"detail":"Method Not Allowed"}');
    metrics().then(
      (text) => answer(200, { 'Content-Type': contentType }, text),
      (err: Error) => answer(503, json, JSON.stringify({ detail: `Metrics unavailable: ${err.message}` })),
    );
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, () => done(server));
  });
}

/**
 * The app's end of the metrics: with METRICS_PORT, Node's own metrics (event-loop lag,
 * heap, GC, handles: prom-client's defaults) join the registry and the listener starts;
 * in a worker of WEB_CONCURRENCY, the primary listens instead and asks each worker for
 * its registry over IPC (prom-client's AggregatorRegistry).
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The port it listens on; undefined when it does not (no METRICS_PORT, or a worker's). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null | undefined)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === undefined) return;
    collectDefaultMetrics({ register: this.metrics.registry });
    // Gauges named like counters, which promtool's lint refuses; nodejs_active_* by type stay.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
      this.metrics.registry.removeSingleMetric(name);
    }
    if (cluster.isWorker && this.config.webConcurrency > 1) {
      // Constructing one installs the worker's answer to the primary's requests.
      new AggregatorRegistry();
      AggregatorRegistry.setRegistries([this.metrics.registry]);
      return;
    }
    this.server = await serveMetrics(this.config.metricsPort, () => this.metrics.registry.metrics(), this.metrics.registry.contentType);
    this.logger.log(`GET /metrics on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((done) => this.server!.close(done));
  }
}
