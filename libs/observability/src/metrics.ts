import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The process's Prometheus metrics; one set per process, shared by every module hosted in it. */
export interface Metrics {
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  rpcDuration: Histogram<'subject' | 'outcome'>;
  errors: Counter<'kind' | 'code'>;
  stuckEvents: Gauge<'service'>;
}

let metrics: Metrics | undefined;

export function getMetrics(): Metrics {
  metrics ??= createMetrics();
  return metrics;
}

type StuckEventCounter = () => Promise<number>;
const stuckEventCounters = new Map<string, StuckEventCounter>();

/**
 * Reports a service's stuck outbox events in the `shopcast_outbox_stuck_events` gauge, counted on every scrape;
 * returns the function that stops it (the service shuts down).
 */
export function watchStuckEvents(service: string, count: StuckEventCounter): () => void {
  getMetrics();
  stuckEventCounters.set(service, count);
  return () => {
    if (stuckEventCounters.get(service) === count) stuckEventCounters.delete(service);
  };
}

export function renderMetrics(): Promise<string> {
  getMetrics();
  return register.metrics();
}

export const METRICS_CONTENT_TYPE = register.contentType;

function createMetrics(): Metrics {
  collectDefaultMetrics();
  return {
    httpDuration: new Histogram({
      name: 'shopcast_http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
    }),
    rpcDuration: new Histogram({
      name: 'shopcast_rpc_request_duration_seconds',
      help: 'Bus request latency by subject and outcome (ok or an error code)',
      labelNames: ['subject', 'outcome'],
      buckets: LATENCY_BUCKETS,
    }),
    errors: new Counter({
      name: 'shopcast_errors_total',
      help: 'Errors by kind (http, rpc, event) and code',
      labelNames: ['kind', 'code'],
    }),
    stuckEvents: new Gauge({
      name: 'shopcast_outbox_stuck_events',
      help: 'Outbox events of a service that failed to publish STUCK_EVENT_ATTEMPTS times or are older than STUCK_EVENT_AGE_SEC',
      labelNames: ['service'],
      async collect() {
        this.reset();
        await Promise.all(
          [...stuckEventCounters].map(async ([service, count]) => {
            // A database that cannot be asked leaves the service out; readiness reports it.
            const value = await count().catch(() => undefined);
            if (value !== undefined) this.set({ service }, value);
          }),
        );
      },
    }),
  };
}
