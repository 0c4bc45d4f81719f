import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReadinessView } from '@app/contracts';
import { Public } from '../http/public.decorator.js';
import { HealthService } from './health.service.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

/** Probes on the public port; metrics are on the ops port only (GatewayOpsServer). */
@ApiTags('health')
@RateLimit('none')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up. */
  @Public()
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Every service answers on the bus and reaches its database; 503 otherwise. */
  @Public()
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessView> {
    const readiness = await this.health.readiness();
    void reply.status(readiness.status === 'ok' ? 200 : 503);
    return readiness;
  }
}
