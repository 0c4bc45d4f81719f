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

/**
 * The context of a change a service makes in another service on its own, to finish what a member asked for
 * earlier (publishing asks analytics for the tracked link of a post a member scheduled): the system user with
 * `write` access (an editor's) in that one workspace, never `manage`. A service that checks the caller's current
 * membership (CURRENT_ROLE, as auth does) refuses it (401), since the system user is nobody's member. Use it only for
 * such a follow-up, in the request chain of the work it finishes; reads take systemContext.
 */
export function systemWriteContext(
  workspaceId: string,
  correlationId: string = randomUUID(),
): RequestContext {
  return { principal: { userId: SYSTEM_USER_ID, workspaceId, role: 'editor' }, correlationId };
}
