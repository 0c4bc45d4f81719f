import dayjs from 'dayjs';
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useRouter } from '@tanstack/react-router';
import { messageOf } from '../../lib/api/api-error';
import { linkToken } from '../../lib/link-token';
import { session } from '../../lib/session';
import { AnchorLink } from '../../components/anchor-link';
import { AuthCard } from '../../components/auth-card';
import { MissingLinkToken } from '../../components/missing-link-token';
import { QueryState } from '../../components/query-state';
import { useAcceptInvitation, useInvitationPreview } from './api';

/** Where a mailed invitation lands: what it invites to, and accepting it once signed in as the invitee. */
export function AcceptInvitationPage() {
  const token = linkToken();
  return (
    <AuthCard title="Join a workspace">
      {token ? <InvitationDetails token={token} /> : <MissingLinkToken />}
    </AuthCard>
  );
}

function InvitationDetails({ token }: { token: string }) {
  const accept = useAcceptInvitation();
  const preview = useInvitationPreview(token, accept.isIdle || accept.isError);
  const router = useRouter();
  const isSignedIn = session.currentStatus() === 'signed-in';
  const here = `/invitation#token=${token}`;
  return (
    <QueryState query={preview} label="the invitation">
      {(invitation) => (
        <Stack>
          <Text>
            {invitation.invitedBy ?? 'A member'} invited <strong>{invitation.email}</strong> to{' '}
            <strong>{invitation.workspaceName}</strong> as{' '}
            <Text span tt="capitalize" fw={600}>
              {invitation.role}
            </Text>
            .
          </Text>
          <Text size="sm" c="dimmed">
            The invitation works once, until {dayjs(invitation.expiresAt).format('D MMM YYYY')}. To accept it,
            sign in with {invitation.email} and confirm that address.
          </Text>
          {accept.isError && (
            <Alert color="red" role="alert">
              {messageOf(accept.error)}{' '}
              <Anchor component={Link} to="/settings/profile">
                Your profile
              </Anchor>
            </Alert>
          )}
          {isSignedIn ? (
            <Button
              loading={accept.isPending}
              onClick={() => accept.mutate(token, { onSuccess: () => router.history.push('/') })}
            >
              Accept and join {invitation.workspaceName}
            </Button>
          ) : (
            <SignedOutChoices email={invitation.email} returnTo={here} />
          )}
        </Stack>
      )}
    </QueryState>
  );
}

function SignedOutChoices({ email, returnTo }: { email: string; returnTo: string }) {
  return (
    <Stack gap="xs">
      <Text ta="center">
        <AnchorLink to="/sign-in" search={{ redirect: returnTo }} fw={600}>
          Sign in to accept
        </AnchorLink>
      </Text>
      <Text size="sm" ta="center">
        No account yet?{' '}
        <Anchor component={Link} to="/sign-up">
          Create one with {email}
        </Anchor>
        , confirm the address from the mail we send, then open this invitation again.
      </Text>
    </Stack>
  );
}
