import { Button, Paper, Stack, Table, Text } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useMe } from '../../lib/me';
import { useSignOut } from './api';

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
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{user.email}</Table.Td>
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
