import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOGGER } from '@app/observability';
import { SessionsRepository } from './sessions.repository.js';

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const PRUNE_BATCH = 5000;

/**
 * Keeps refresh_tokens and login_failures from growing forever: every hour (and at start) it deletes expired
 * refresh tokens and throttle rows whose window and lock are over, in batches so no delete holds locks long.
 * Replicas may prune at the same time; the deletes do not conflict.
 */
@Injectable()
export class SessionsPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => {
      this.running ??= this.prune().finally(() => (this.running = undefined));
    };
    run();
    this.timer = setInterval(run, PRUNE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes everything prunable now; resolves with the number of rows deleted. Never throws. */
  async prune(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const { loginLockSec, accountResetSec } = this.config.auth;
        const deleted = await this.sessions.pruneExpired(loginLockSec, accountResetSec, PRUNE_BATCH);
        total += deleted;
        if (deleted < PRUNE_BATCH) break;
      }
      if (total > 0) this.logger.info({ deleted: total }, 'Expired sessions and sign-in throttles pruned');
    } catch (error) {
      this.logger.warn({ err: error }, 'Pruning expired sessions failed; next try in an hour');
    }
    return total;
  }
}
