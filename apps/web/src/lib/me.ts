import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import { unwrap } from './api/api-error';
import type { Schema } from './api/types';

export type Role = Schema<'MeView'>['role'];
export type Action = 'read' | 'write' | 'manage';

export const meQueryKey = ['me'] as const;

/** The signed-in user, the current workspace and the role in it. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
    staleTime: 60_000,
  });
}

const ALLOWED: Record<Action, readonly Role[]> = {
  read: ['owner', 'admin', 'editor', 'viewer'],
  write: ['owner', 'admin', 'editor'],
  manage: ['owner', 'admin'],
};

/** Why the current role may not do an action, or undefined when it may (the server checks again). */
export function deniedReason(role: Role | undefined, action: Action): string | undefined {
  if (role === undefined) return 'Checking your role in this workspace…';
  if (ALLOWED[action].includes(role)) return undefined;
  return action === 'manage'
    ? 'Only owners and admins of this workspace can do this.'
    : 'Viewers can look but not change anything in this workspace.';
}

/** The reason the signed-in person may not do an action here, or undefined when allowed. */
export function useDeniedReason(action: Action): string | undefined {
  return deniedReason(useMe().data?.role, action);
}
