import type { Server } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { startOpsServer } from '@app/observability';
import { HealthService } from './health.service.js';

/**
 * The gateway's operations endpoint on `OPS_PORT` (health and Prometheus `/metrics`), as the services have:
 * metrics name routes and show traffic, so they stay off the public port. In standalone mode it is the one
 * ops endpoint of the process, for the gateway and the services it hosts.
 */
@Injectable()
export class GatewayOpsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.opsPort === 0) return;
    this.server = await startOpsServer(this.config.opsPort, this.config.host, async () => {
      return (await this.health.readiness()).checks;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
