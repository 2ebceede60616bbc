import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics';

/** The label of requests no route took (404s, static files): one value, never the path. */
const UNROUTED = 'none';

interface Route {
  path?: unknown;
  methods?: Record<string, boolean>;
}

/**
 * Express's route path as the OpenAPI document writes it: `/posts/:id` → `/posts/{id}`.
 * A handler's route has one method; Nest's not-found handler is a route for every
 * method (`{/*splat}`): no route, for this.
 */
const template = (req: Request): string => {
  const route = req.route as Route | undefined;
  if (typeof route?.path !== 'string' || Object.keys(route.methods ?? {}).length !== 1) return UNROUTED;
  return `${req.baseUrl}${route.path}`.replace(/:(\w+)/g, '{$1}');
};

/**
 * Request durations by route template, method and status, and requests in flight:
 * the first middleware, so that every answer counts (413s and 404s too). Installed only
 * with METRICS_PORT: without it a request pays nothing for the metrics.
 */
export function httpMetrics(metrics: Metrics): RequestHandler {
  const durations = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request to the end of its answer, by route template, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const inFlight = metrics.gauge({ name: 'http_requests_in_flight', help: 'Requests received and not yet answered' });
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    inFlight.inc();
    // 'close' follows every answer, and a connection the client dropped first.
    res.once('close', () => {
      inFlight.dec();
      const status = res.headersSent ? String(res.statusCode) : 'aborted';
      durations.observe({ route: template(req), method: req.method, status }, (performance.now() - started) / 1000);
    });
    next();
  };
}
