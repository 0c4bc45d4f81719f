import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { EventEnvelope } from '@app/contracts';
import type { EventPublisher } from './event-publisher.js';
import { ConsumerFailedError } from './in-process-bus.js';
import { outboxChannel } from './outbox.js';

const BATCH_SIZE = 100;
const POLL_INTERVAL_MS = 2000;
/** Backoff of a row a consumer failed on: 1, 2, 4... seconds, at most this long. */
const MAX_RETRY_DELAY_SEC = 60;

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  workspace_id: string | null;
  correlation_id: string | null;
  payload: unknown;
  occurred_at: Date;
}

/**
 * Publishes a service's committed outbox rows in order. Woken by NOTIFY on commit, with a slow poll as
 * a safety net; several replicas may run it at once (rows are claimed with SKIP LOCKED).
 *
 * When publishing fails (NATS unreachable), the batch stops there so order is kept. When a consumer fails on
 * an event (standalone, where publishing is handing it to the consumers), that row is tried again later with
 * backoff and the rows after it go on, as JetStream redelivers a failed event without holding back the rest.
 */
export class OutboxRelay {
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private isDrainRequested = false;
  private isStopped = false;
  private rejectStopped!: (reason: Error) => void;
  // Rejects on stop(): a publish that cannot finish (the in-process bus before delivery starts) must not
  // hold shutdown, nor the transaction and row locks of its batch, forever.
  private readonly stopped = new Promise<never>((_, reject) => (this.rejectStopped = reject));

  constructor(
    private readonly dataSource: DataSource,
    private readonly databaseUrl: string,
    private readonly schema: string,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {
    this.stopped.catch(() => undefined);
  }

  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.databaseUrl });
    this.listener.on('error', (error) =>
      this.logger.warn({ err: error }, 'Outbox listener connection failed'),
    );
    await this.listener.connect();
    this.listener.on('notification', () => this.requestDrain());
    await this.listener.query(`LISTEN ${outboxChannel(this.schema)}`);
    this.timer = setInterval(() => this.requestDrain(), POLL_INTERVAL_MS);
    this.requestDrain();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    clearInterval(this.timer);
    this.rejectStopped(new Error('Outbox relay stopped'));
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes everything pending now; resolves when the outbox is empty or publishing fails. */
  requestDrain(): Promise<void> {
    if (this.isStopped) return Promise.resolve();
    if (this.draining) {
      this.isDrainRequested = true;
      return this.draining;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = undefined;
      if (this.isDrainRequested && !this.isStopped) {
        this.isDrainRequested = false;
        void this.requestDrain();
      }
    });
    return this.draining;
  }

  private async drainLoop(): Promise<void> {
    try {
      while (!this.isStopped && (await this.publishBatch()) === BATCH_SIZE);
    } catch (error) {
      this.logger.warn({ err: error }, 'Outbox relay will retry');
    }
  }

  /** Claims, publishes and marks one batch; a failed publish stops the batch so order is kept. */
  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT seq, id, subject, workspace_id, correlation_id, payload, occurred_at FROM outbox
          WHERE published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      const published: string[] = [];
      let deferred = 0;
      for (const row of rows) {
        try {
          await Promise.race([this.publisher.publish(toEnvelope(row)), this.stopped]);
          published.push(row.id);
        } catch (error) {
          // Stopping: the row stays pending and is published after the next start (consumers dedupe by id).
          if (this.isStopped) break;
          const isConsumerFailure = error instanceof ConsumerFailedError;
          await manager.query(
            `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
               next_attempt_at = CASE WHEN $3 THEN now() + least($4, power(2, attempts)) * interval '1 second' END
             WHERE id = $1`,
            [
              row.id,
              String(error instanceof Error ? error.message : error).slice(0, 500),
              isConsumerFailure,
              MAX_RETRY_DELAY_SEC,
            ],
          );
          this.logger.warn({ err: error, eventId: row.id, subject: row.subject }, 'Event publish failed');
          if (!isConsumerFailure) break;
          deferred += 1;
        }
      }
      if (published.length > 0) {
        await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [published]);
      }
      return published.length + deferred === rows.length ? rows.length : 0;
    });
  }
}

function toEnvelope(row: OutboxRow): EventEnvelope {
  return {
    id: row.id,
    subject: row.subject,
    occurredAt: new Date(row.occurred_at).toISOString(),
    workspaceId: row.workspace_id,
    correlationId: row.correlation_id ?? undefined,
    data: row.payload,
  };
}
