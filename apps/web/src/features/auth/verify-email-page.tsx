import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { messageOf } from '../../lib/api/api-error';
import { linkToken } from '../../lib/link-token';
import { session } from '../../lib/session';
import { useVerifyEmail } from './api';
import { AuthCard } from '../../components/auth-card';
import { MissingLinkToken } from '../../components/missing-link-token';

/** Where the link mailed at sign-up lands: it confirms the address at once. */
export function VerifyEmailPage() {
  const verify = useVerifyEmail();
  const token = linkToken();
  const { mutate } = verify;
  useEffect(() => {
    if (token) mutate(token);
  }, [token, mutate]);
  const next =
    session.currentStatus() === 'signed-in' ? (
      <Anchor component={Link} to="/">
        Go to Shopcast
      </Anchor>
    ) : (
      <Anchor component={Link} to="/sign-in">
        Sign in
      </Anchor>
    );

  return (
    <AuthCard title="Confirm your email address">
      <Stack>
        {!token && <MissingLinkToken />}
        {verify.isPending && (
          <Stack align="center" gap="xs">
            <Loader size="sm" aria-hidden />
            <Text>Confirming your address…</Text>
          </Stack>
        )}
        {verify.isSuccess && (
          <Alert color="teal.9" variant="outline" role="status" title="Address confirmed">
            {verify.data.email} is confirmed. You can now accept invitations to other workspaces.
          </Alert>
        )}
        {verify.isError && (
          <Alert color="red" role="alert">
            {messageOf(verify.error)} (a new link can be sent from your profile.)
          </Alert>
        )}
        <Text ta="center">{next}</Text>
      </Stack>
    </AuthCard>
  );
}
