import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../../lib/me';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';
import { COOKIE_SESSION, session } from '../../lib/session';

export type SignInInput = Schema<'LoginDto'>;
export type SignUpInput = Schema<'RegisterDto'>;

/** Signs in; the refresh token goes into an HttpOnly cookie, the access token stays in memory. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async (body: SignInInput) =>
      unwrap(await api.POST('/api/v1/auth/login', { body, headers: COOKIE_SESSION })),
    onSuccess: (tokens) => {
      queryClient.clear();
      session.begin(tokens);
    },
  });
}

/** Creates the account and its first workspace, and signs in. */
export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async (body: SignUpInput) =>
      unwrap(await api.POST('/api/v1/auth/register', { body, headers: COOKIE_SESSION })),
    onSuccess: (tokens) => {
      queryClient.clear();
      session.begin(tokens);
    },
  });
}

/** Signs out: the server revokes the session and clears its cookie; the app then returns to sign in. */
export function useSignOut() {
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/auth/logout', { body: {}, headers: COOKIE_SESSION })),
    // Even when the server cannot be reached, this tab forgets the session.
    onSettled: () => session.end(),
  });
}

/** Opens the mailed verification link: the address it was sent to is confirmed. */
export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async (token: string) =>
      unwrap(await api.POST('/api/v1/auth/verify-email', { body: { token } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

/** Mails a new verification link to the signed-in user. */
export function useResendVerification() {
  return useMutation({
    meta: { successMessage: 'We mailed you a new link' },
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/verify-email/resend')),
  });
}

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async (body: Schema<'PasswordResetRequestDto'>) =>
      unwrap(await api.POST('/api/v1/auth/password-reset', { body })),
  });
}

/** Sets a new password with the mailed token; every session of the account ends. */
export function useResetPassword() {
  return useMutation({
    meta: { showsOwnError: true },
    mutationFn: async (body: Schema<'PasswordResetDto'>) =>
      unwrap(await api.POST('/api/v1/auth/password-reset/confirm', { body })),
  });
}
