import { createServer, type Server } from 'node:http';
import type { DependencyCheckView } from '@app/contracts';
import { METRICS_CONTENT_TYPE, renderMetrics } from './metrics.js';

export type ReadinessCheck = () => Promise<DependencyCheckView[]>;

/**
 * A service's operations endpoint for probes and scraping: /health/live, /health/ready, /metrics.
 * Services have no REST surface of their own, so this is plain node:http.
 */
export async function startOpsServer(port: number, host: string, isReady: ReadinessCheck): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/health/live') return send(200, 'application/json', JSON.stringify({ status: 'ok' }));
      if (req.url === '/health/ready') {
        const checks = await isReady();
        const isHealthy = checks.every((check) => check.isHealthy);
        const body = JSON.stringify({ status: isHealthy ? 'ok' : 'unavailable', checks });
        return send(isHealthy ? 200 : 503, 'application/json', body);
      }
      if (req.url === '/metrics') return send(200, METRICS_CONTENT_TYPE, await renderMetrics());
      return send(404, 'application/json', JSON.stringify({ message: 'Not found' }));
    })().catch(() => send(500, 'application/json', JSON.stringify({ message: 'Internal error' })));

    function send(status: number, type: string, body: string): void {
      res.writeHead(status, { 'content-type': type }).end(body);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
