import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type DependencyCheckView,
  type ReadinessView,
  SERVICE_HEALTH_SUBJECTS,
  type ServiceName,
} from '@app/contracts';
import { RpcClient } from '@app/messaging';

/** Readiness of the whole system as the gateway sees it: each service over the bus, and its database. */
@Injectable()
export class HealthService {
  constructor(private readonly rpc: RpcClient) {}

  async readiness(): Promise<ReadinessView> {
    const services = Object.keys(SERVICE_HEALTH_SUBJECTS) as ServiceName[];
    const checks = await Promise.all(services.map((service) => this.check(service)));
    return { status: checks.every((check) => check.isHealthy) ? 'ok' : 'unavailable', checks };
  }

  private async check(service: ServiceName): Promise<DependencyCheckView> {
    try {
      const health = await this.rpc.send(
        SERVICE_HEALTH_SUBJECTS[service],
        {},
        {
          principal: null,
          correlationId: randomUUID(),
        },
      );
      // Stuck events are a detail: taking the service out of rotation would not get them through.
      const stuckEvents = health.stuckEvents ?? undefined;
      return health.isDatabaseUp
        ? { name: service, isHealthy: true, ...(stuckEvents && { stuckEvents }) }
        : { name: service, isHealthy: false, error: 'database unreachable' };
    } catch (error) {
      return {
        name: service,
        isHealthy: false,
        error: error instanceof Error ? error.message : 'unreachable',
      };
    }
  }
}
