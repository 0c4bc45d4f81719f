import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { SERVICE_HEALTH_SUBJECTS, type ServiceHealth, type ServiceName } from '@app/contracts';
import { StuckEvents } from './stuck-events.js';

/** Pings the service's database; answered over the bus so the gateway's readiness covers bus and Postgres. */
export async function checkDatabase(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** The `<service>.health.check` handler every service serves: its database, and its stuck events. */
export function healthHandlers(service: ServiceName): Type {
  @Controller()
  class HealthHandlers {
    constructor(
      private readonly dataSource: DataSource,
      private readonly stuckEvents: StuckEvents,
    ) {}

    @MessagePattern(SERVICE_HEALTH_SUBJECTS[service])
    async check(): Promise<ServiceHealth> {
      const stuckEvents = await this.stuckEvents.read().catch(() => null);
      return {
        service,
        isDatabaseUp: stuckEvents !== null || (await checkDatabase(this.dataSource)),
        stuckEvents,
      };
    }
  }
  return HealthHandlers;
}
