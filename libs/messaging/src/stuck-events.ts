import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { StuckEventsView } from '@app/contracts';
import { watchStuckEvents } from '@app/observability';

export interface StuckEventRule {
  /** Failed publishing attempts from which an event is stuck. */
  minAttempts: number;
  /** Age from which an unpublished event is stuck. */
  minAgeSec: number;
}

/**
 * The service's outbox events that are not getting through: publishing them failed `minAttempts` times (in
 * standalone, a consumer keeps failing on them and the relay keeps backing off) or they are older than
 * `minAgeSec`. Read for readiness details and, on every scrape, for the `shopcast_outbox_stuck_events` gauge.
 */
export class StuckEvents implements OnApplicationShutdown {
  private readonly unwatch: () => void;

  constructor(
    private readonly dataSource: DataSource,
    service: string,
    private readonly rule: StuckEventRule,
  ) {
    this.unwatch = watchStuckEvents(service, async () => (await this.read()).count);
  }

  async read(): Promise<StuckEventsView> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count, min(occurred_at) AS oldest_at FROM outbox
        WHERE published_at IS NULL AND (attempts >= $1 OR occurred_at < now() - $2 * interval '1 second')`,
      [this.rule.minAttempts, this.rule.minAgeSec],
    )) as Array<{ count: number; oldest_at: Date | null }>;
    return {
      count: row?.count ?? 0,
      oldestAt: row?.oldest_at ? new Date(row.oldest_at).toISOString() : null,
    };
  }

  onApplicationShutdown(): void {
    this.unwatch();
  }
}
