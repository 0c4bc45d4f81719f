import { Paper, Table, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { GuardedButton } from '../../components/guarded-button';
import { QueryState } from '../../components/query-state';
import { type Invitation, useInvitations, useRevokeInvitation } from './api';

/** Invitations not yet accepted; revoking one makes its link stop working. */
export function PendingInvitations() {
  const invitations = useInvitations();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="pending-invitations-title">
      <Title order={2} size="h4" id="pending-invitations-title" mb="xs">
        Pending invitations
      </Title>
      <QueryState query={invitations} label="invitations">
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              No invitations are waiting to be accepted.
            </Text>
          ) : (
            <InvitationsTable invitations={list} />
          )
        }
      </QueryState>
    </Paper>
  );
}

function InvitationsTable({ invitations }: { invitations: Invitation[] }) {
  const revoke = useRevokeInvitation();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table aria-label="Pending invitations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Invited by</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{invitation.email}</Table.Td>
              <Table.Td tt="capitalize">{invitation.role}</Table.Td>
              <Table.Td>{invitation.invitedBy ?? '—'}</Table.Td>
              <Table.Td>{dayjs(invitation.expiresAt).format('D MMM YYYY')}</Table.Td>
              <Table.Td>
                <GuardedButton
                  requires="manage"
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={`Revoke the invitation of ${invitation.email}`}
                  loading={revoke.isPending && revoke.variables === invitation.id}
                  onClick={() => revoke.mutate(invitation.id)}
                >
                  Revoke
                </GuardedButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
