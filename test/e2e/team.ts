import { type ApiClient, type Member, registerUser, type Session } from './api-client.js';
import { outboxToken } from '../support/outbox-mail.js';

export const VERIFICATION_SUBJECT = /Confirm your email address/;
export const INVITATION_SUBJECT = /invited you to/;

/** Tokens already used, so each step reads the mail it caused, not an earlier one to the same address. */
const usedTokens: string[] = [];
const verifiedEmails = new Set<string>();

async function post(
  api: ApiClient,
  path: string,
  body: unknown,
  token: string | undefined,
  expected: number,
) {
  const response = await api.post<Record<string, unknown>>(path, body, token);
  if (response.status !== expected)
    throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Opens the verification link Shopcast mailed to the user at sign-up (once per address). */
export async function verifyEmail(api: ApiClient, outboxDir: string, user: Session): Promise<void> {
  if (verifiedEmails.has(user.email)) return;
  const token = await outboxToken(outboxDir, user.email, VERIFICATION_SUBJECT, usedTokens);
  usedTokens.push(token);
  await post(api, '/api/v1/auth/verify-email', { token }, undefined, 200);
  verifiedEmails.add(user.email);
}

/**
 * Makes `user` a member of `owner`'s workspace the way people do: the owner invites the address (202), the
 * user verifies it and accepts the mailed invitation, then switches to the workspace. Answers the user's
 * session there.
 */
export async function joinWorkspace(
  api: ApiClient,
  outboxDir: string,
  owner: Session,
  user: Session,
  role: string,
): Promise<Member> {
  await post(api, '/api/v1/workspaces/current/members', { email: user.email, role }, owner.token, 202);
  await verifyEmail(api, outboxDir, user);
  const token = await outboxToken(outboxDir, user.email, INVITATION_SUBJECT, usedTokens);
  usedTokens.push(token);
  await post(api, '/api/v1/invitations/accept', { token }, user.token, 200);
  const switched = await post(
    api,
    '/api/v1/auth/switch',
    { workspaceId: owner.workspaceId },
    user.token,
    200,
  );
  const me = await api.get<{ user: { id: string } }>('/api/v1/auth/me', String(switched.accessToken));
  return {
    ...user,
    token: String(switched.accessToken),
    refreshToken: String(switched.refreshToken),
    workspaceId: owner.workspaceId,
    userId: me.body.user.id,
  };
}

/** A new user who joined `owner`'s workspace with `role`, signed in to it. */
export async function newMember(
  api: ApiClient,
  outboxDir: string,
  owner: Session,
  label: string,
  role: string,
): Promise<Member> {
  return joinWorkspace(api, outboxDir, owner, await registerUser(api, label), role);
}
