import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { createQueueSerially, JOBS, type PgBoss } from '@app/jobs';
import { ConnectionTokensService } from './connection-tokens.service.js';
import { ConnectionsRepository } from './connections.repository.js';

const REFRESH_QUEUE = 'refresh-connection-tokens';

/**
 * The every-minute upkeep of connections, one process at a time: tokens about to expire are refreshed,
 * and OAuth states a day past their expiry are forgotten.
 */
@Injectable()
export class ConnectionsWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JOBS) private readonly boss: PgBoss,
    private readonly tokens: ConnectionTokensService,
    private readonly repository: ConnectionsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await createQueueSerially(this.boss, REFRESH_QUEUE, { policy: 'singleton', retryLimit: 0 });
    await this.boss.schedule(REFRESH_QUEUE, '* * * * *');
    await this.boss.work(REFRESH_QUEUE, async () => {
      await this.tokens.refreshExpiring();
      await this.repository.purgeStates();
    });
  }
}
