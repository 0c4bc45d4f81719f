import type { Schema } from './api/types';

export type Role = Schema<'MeView'>['role'];
export type Action = 'read' | 'write' | 'manage';

const ALLOWED: Record<Action, readonly Role[]> = {
  read: ['owner', 'admin', 'editor', 'viewer'],
  write: ['owner', 'admin', 'editor'],
  manage: ['owner', 'admin'],
};

/** Why a role may not do an action, or undefined when it may (the server checks again). */
export function deniedReason(role: Role | undefined, action: Action): string | undefined {
  if (role === undefined) return 'Checking your role in this workspace…';
  if (ALLOWED[action].includes(role)) return undefined;
  return action === 'manage'
    ? 'Only owners and admins of this workspace can do this.'
    : 'Viewers can look but not change anything in this workspace.';
}
