import { randomUUID } from 'node:crypto';
import type { TransactionHost } from '@app/database';
import type { EventEnvelope, EventPayload, EventSubject } from '@app/contracts';
import type { RequestContext } from './request-context.js';

/** An event's workspace and request chain, for work no request context describes (jobs, sign-up). */
export interface EventScope {
  workspaceId: string | null;
  correlationId?: string;
}

/** What an event came from: the request that caused it (its workspace and chain), or an explicit scope. */
export type EventOrigin = RequestContext | EventScope;

function scopeOf(origin: EventOrigin): EventScope {
  if (!('principal' in origin)) return origin;
  return { workspaceId: origin.principal.workspaceId, correlationId: origin.correlationId };
}

/** The Postgres channel on which a service's outbox announces committed events. */
export function outboxChannel(schema: string): string {
  return `shopcast_outbox_${schema}`;
}

/**
 * Records an event in the same transaction as the state change it describes; the relay publishes it
 * after commit, so an event exists exactly when the change does.
 */
export class Outbox {
  constructor(
    private readonly schema: string,
    private readonly tx: TransactionHost,
  ) {}

  /** Records one event in the ambient transaction (TransactionHost.run); refuses to run outside one. */
  async add<S extends EventSubject>(
    subject: S,
    data: EventPayload<S>,
    origin: EventOrigin,
  ): Promise<EventEnvelope<EventPayload<S>>> {
    const manager = this.tx.manager;
    const meta = scopeOf(origin);
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'Outbox.add must run inside the transaction that changes the state (TransactionHost.run)',
      );
    }
    const event: EventEnvelope<EventPayload<S>> = {
      id: randomUUID(),
      subject,
      occurredAt: new Date().toISOString(),
      workspaceId: meta.workspaceId,
      correlationId: meta.correlationId,
      data,
    };
    await manager.query(
      `INSERT INTO outbox (id, subject, workspace_id, correlation_id, payload, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        event.id,
        subject,
        meta.workspaceId,
        meta.correlationId ?? null,
        JSON.stringify(data),
        event.occurredAt,
      ],
    );
    // Delivered to the relay's LISTEN connection only when this transaction commits.
    await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), event.id]);
    return event;
  }

  /** Records many events in one statement (bulk changes such as a catalog import), same guarantees as add. */
  async addMany<S extends EventSubject>(
    events: Array<{ subject: S; data: EventPayload<S> }>,
    origin: EventOrigin,
  ): Promise<void> {
    const manager = this.tx.manager;
    if (events.length === 0) return;
    const meta = scopeOf(origin);
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'Outbox.addMany must run inside the transaction that changes the state (TransactionHost.run)',
      );
    }
    const ids = events.map(() => randomUUID());
    // One JSON document rather than array parameters: far cheaper to encode and decode for thousands of rows.
    const rows = events.map((event, index) => ({
      id: ids[index],
      subject: event.subject,
      payload: event.data,
    }));
    await manager.query(
      `INSERT INTO outbox (id, subject, workspace_id, correlation_id, payload, occurred_at)
       SELECT (e->>'id')::uuid, e->>'subject', $2, $3, e->'payload', $4
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n)
        ORDER BY n`,
      [JSON.stringify(rows), meta.workspaceId, meta.correlationId ?? null, new Date().toISOString()],
    );
    await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), ids[0]]);
  }

  /** Like addMany, for events of different workspaces (each event carries its own origin). */
  async addEach<S extends EventSubject>(
    events: Array<{ subject: S; data: EventPayload<S>; origin: EventOrigin }>,
  ): Promise<void> {
    const manager = this.tx.manager;
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'Outbox.addEach must run inside the transaction that changes the state (TransactionHost.run)',
      );
    }
    const ids = events.map(() => randomUUID());
    const rows = events.map((event, index) => {
      const meta = scopeOf(event.origin);
      return {
        id: ids[index],
        subject: event.subject,
        workspaceId: meta.workspaceId,
        correlationId: meta.correlationId ?? null,
        payload: event.data,
      };
    });
    await manager.query(
      `INSERT INTO outbox (id, subject, workspace_id, correlation_id, payload, occurred_at)
       SELECT (e->>'id')::uuid, e->>'subject', (e->>'workspaceId')::uuid, e->>'correlationId', e->'payload', $2
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n)
        ORDER BY n`,
      [JSON.stringify(rows), new Date().toISOString()],
    );
    await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), ids[0]]);
  }
}
