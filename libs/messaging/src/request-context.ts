import { randomUUID } from 'node:crypto';
import type { Principal } from '@app/contracts';

/** Who is calling and in which request chain; travels in the envelope of every request. */
export interface CallContext {
  principal: Principal | null;
  correlationId: string;
  clientIp?: string;
}

/** What a handler that requires a member knows of its caller: the principal, and the request chain. */
export interface RequestContext extends CallContext {
  principal: Principal;
}

/** Stands for the service itself in the principal of a request no user made. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The context of work a service starts on its own (a due job, a sweep), acting for one workspace with
 * read access only. It starts a new request chain unless it continues a known one.
 */
export function systemContext(workspaceId: string, correlationId: string = randomUUID()): RequestContext {
  return { principal: { userId: SYSTEM_USER_ID, workspaceId, role: 'viewer' }, correlationId };
}
