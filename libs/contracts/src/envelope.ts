import type { Principal } from './principal.js';

/** Every request on the bus: who asks, which request chain it belongs to, and the typed payload. */
export interface RpcEnvelope<T> {
  principal: Principal | null;
  correlationId: string;
  clientIp?: string;
  data: T;
}

/** Every event on the bus and in the outbox. */
export interface EventEnvelope<T = unknown> {
  id: string;
  subject: string;
  occurredAt: string;
  workspaceId: string | null;
  correlationId?: string;
  data: T;
}
