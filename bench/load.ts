import autocannon from 'autocannon';

/** A running server with one product and a token that may read it. */
export interface Target {
  baseUrl: string;
  token: string;
  productId: string;
  stop(): Promise<void>;
}

export interface LoadOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
}

export interface Measurement {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors, timeouts included. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** Warms up, then hammers `GET /api/v1/products/:id` with the target's token and summarises the measured run. */
export async function measure(target: Target, options: LoadOptions): Promise<Measurement> {
  const run = (duration: number) =>
    autocannon({
      url: `${target.baseUrl}/api/v1/products/${target.productId}`,
      connections: options.connections,
      duration,
      headers: { authorization: `Bearer ${target.token}` },
    });
  if (options.warmupSec > 0) await run(options.warmupSec);
  const result = await run(options.durationSec);
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]),
  );
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    statusCodes,
  };
}

/** Fails fast when the target does not answer 200 before the load starts. */
export async function checkReadable(target: Target): Promise<void> {
  const response = await fetch(`${target.baseUrl}/api/v1/products/${target.productId}`, {
    headers: { authorization: `Bearer ${target.token}` },
  });
  if (response.status !== 200) {
    throw new Error(`GET product answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  }
}
