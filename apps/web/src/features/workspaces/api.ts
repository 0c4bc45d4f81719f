import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';
import { COOKIE_SESSION, session } from '../../lib/session';

export type Member = Schema<'MemberView'>;
export type Invitation = Schema<'InvitationView'>;
export type Workspace = Schema<'WorkspaceMembershipView'>;
export type MemberRole = Member['role'];

export const workspaceKeys = {
  all: ['workspaces'] as const,
  members: () => [...workspaceKeys.all, 'current', 'members'] as const,
  invitations: () => [...workspaceKeys.all, 'current', 'invitations'] as const,
  invitation: (token: string) => [...workspaceKeys.all, 'invitation', token] as const,
};

export function useWorkspaces() {
  return useQuery({
    queryKey: workspaceKeys.all,
    queryFn: async () => unwrap(await api.GET('/api/v1/workspaces')),
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async (body: Schema<'CreateWorkspaceDto'>) =>
      unwrap(await api.POST('/api/v1/workspaces', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.all }),
  });
}

/** Moves the session to another workspace: new tokens, and nothing cached from the old one is shown. */
export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (workspaceId: string) =>
      unwrap(await api.POST('/api/v1/auth/switch', { body: { workspaceId }, headers: COOKIE_SESSION })),
    onSuccess: (tokens) => {
      session.begin(tokens);
      queryClient.clear();
    },
  });
}

export function useMembers() {
  return useQuery({
    queryKey: workspaceKeys.members(),
    queryFn: async () => unwrap(await api.GET('/api/v1/workspaces/current/members')),
  });
}

/** Mails an invitation; the person joins once they accept it. */
export function useInviteMember() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true, successMessage: 'Invitation sent' },
    mutationFn: async (body: Schema<'AddMemberDto'>) =>
      unwrap(await api.POST('/api/v1/workspaces/current/members', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.invitations() }),
  });
}

export function useInvitations() {
  return useQuery({
    queryKey: workspaceKeys.invitations(),
    queryFn: async () => unwrap(await api.GET('/api/v1/workspaces/current/invitations')),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Invitation revoked' },
    mutationFn: async (invitationId: string) =>
      unwrap(
        await api.DELETE('/api/v1/workspaces/current/invitations/{invitationId}', {
          params: { path: { invitationId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.invitations() }),
  });
}

/** What a mailed invitation link invites to; no session needed. Off once accepted (the link is then used). */
export function useInvitationPreview(token: string, enabled = true) {
  return useQuery({
    queryKey: workspaceKeys.invitation(token),
    enabled,
    queryFn: async () => unwrap(await api.POST('/api/v1/invitations/preview', { body: { token } })),
    retry: false,
  });
}

/** Accepts the invitation and moves the session to the workspace joined. */
export function useAcceptInvitation() {
  const switchWorkspace = useSwitchWorkspace();
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async (token: string) => {
      const joined = unwrap(await api.POST('/api/v1/invitations/accept', { body: { token } }));
      await switchWorkspace.mutateAsync(joined.id);
      return joined;
    },
  });
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Role changed' },
    mutationFn: async ({ userId, role }: { userId: string; role: MemberRole }) =>
      unwrap(
        await api.PATCH('/api/v1/workspaces/current/members/{userId}', {
          params: { path: { userId } },
          body: { role },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.members() }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { successMessage: 'Member removed' },
    mutationFn: async (userId: string) =>
      unwrap(
        await api.DELETE('/api/v1/workspaces/current/members/{userId}', { params: { path: { userId } } }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workspaceKeys.members() }),
  });
}
