import { Alert, Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useMe } from '../../lib/me';
import { useResendVerification, useSignOut } from './api';

export function ProfilePage() {
  const me = useMe();
  const signOut = useSignOut();
  return (
    <>
      <PageHeader title="Profile" description="Your account and your role in this workspace." />
      <QueryState query={me} label="your profile">
        {({ user, workspace, role }) => (
          <Stack gap="lg" maw={560}>
            <Paper withBorder radius="md">
              <Table variant="vertical" layout="fixed" aria-label="Your account">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={160}>Name</Table.Th>
                    <Table.Td>{user.name}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Email</Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {user.email}{' '}
                      <Badge variant="light" color={user.emailVerified ? 'green' : 'yellow'}>
                        {user.emailVerified ? 'confirmed' : 'not confirmed'}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Workspace</Table.Th>
                    <Table.Td>{workspace.name}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Role</Table.Th>
                    <Table.Td tt="capitalize">{role}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Paper>
            {!user.emailVerified && <ConfirmEmailNotice />}
            <Stack gap="xs" align="flex-start">
              <Text size="sm" c="dimmed">
                Signing out ends this session on this device.
              </Text>
              <Button
                color="red"
                variant="light"
                loading={signOut.isPending}
                onClick={() => signOut.mutate()}
              >
                Sign out
              </Button>
            </Stack>
          </Stack>
        )}
      </QueryState>
    </>
  );
}

/** An unconfirmed address: everything works except accepting invitations, until the mailed link is opened. */
function ConfirmEmailNotice() {
  const resend = useResendVerification();
  return (
    <Alert color="orange.9" variant="outline" title="Confirm your email address">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          We mailed you a link when you signed up. Open it to confirm the address; you need a confirmed
          address to accept invitations to other workspaces.
        </Text>
        <Button size="xs" variant="light" loading={resend.isPending} onClick={() => resend.mutate()}>
          Send a new link
        </Button>
      </Stack>
    </Alert>
  );
}
