import { Injectable } from '@nestjs/common';
import { Counter, CounterConfiguration, Gauge, GaugeConfiguration, Histogram, HistogramConfiguration, Registry } from 'prom-client';

type Config<C> = Omit<C, 'registers'>;

/**
 * The app's Prometheus metrics (prom-client): one registry per app, served by
 * MetricsServer on METRICS_PORT. The place to add a metric: inject Metrics and ask
 * for a counter, gauge or histogram by name, e.g. (the live-updates work)
 *
 *   this.openStreams = metrics.gauge({ name: 'social_api_open_streams', help: 'Open event streams' });
 *   this.eventsSent = metrics.counter({ name: 'social_api_events_sent_total', help: 'Events sent', labelNames: ['event'] });
 *
 * A name asked for twice gets the same metric (two instances of a provider, or two
 * providers sharing one). Name app metrics `social_api_*`, counters `*_total`, in base
 * units (seconds, bytes), with labels of few values (never an id or a path). With
 * WEB_CONCURRENCY workers the primary serves the workers' sum: a gauge that should not
 * be summed says so with `aggregator` ('max', 'average', ...).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  counter<T extends string = string>(config: Config<CounterConfiguration<T>>): Counter<T> {
    return (this.registry.getSingleMetric(config.name) as Counter<T> | undefined) ?? new Counter({ ...config, registers: [this.registry] });
  }

  gauge<T extends string = string>(config: Config<GaugeConfiguration<T>>): Gauge<T> {
    return (this.registry.getSingleMetric(config.name) as Gauge<T> | undefined) ?? new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<T extends string = string>(config: Config<HistogramConfiguration<T>>): Histogram<T> {
    return (this.registry.getSingleMetric(config.name) as Histogram<T> | undefined) ?? new Histogram({ ...config, registers: [this.registry] });
  }
}
