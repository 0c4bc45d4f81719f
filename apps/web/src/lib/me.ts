import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import { unwrap } from './api/api-error';
import { type Action, deniedReason } from './roles';

export type { Action, Role } from './roles';

export const meQueryKey = ['me'] as const;

/** The signed-in user, the current workspace and the role in it. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
    staleTime: 60_000,
  });
}

/** The reason the signed-in person may not do an action here, or undefined when allowed. */
export function useDeniedReason(action: Action): string | undefined {
  return deniedReason(useMe().data?.role, action);
}
