import { Badge, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { ApiError } from '../../lib/api/api-error';
import { useDeniedReason, useMe } from '../../lib/me';
import {
  type Member,
  type MemberRole,
  useChangeRole,
  useInviteMember,
  useMembers,
  useRemoveMember,
} from './api';
import { PendingInvitations } from './pending-invitations';

const ROLE_OPTIONS: { value: MemberRole; label: string }[] = [
  { value: 'owner', label: 'Owner' },
  { value: 'admin', label: 'Admin' },
  { value: 'editor', label: 'Editor' },
  { value: 'viewer', label: 'Viewer' },
];

export function MembersPage() {
  const members = useMembers();
  const me = useMe();
  return (
    <>
      <PageHeader
        title="Members"
        description={`Who works in ${me.data?.workspace.name ?? 'this workspace'}. Owners and admins manage members; editors create and publish; viewers read.`}
      />
      <Stack gap="lg">
        <InviteMemberForm />
        <QueryState query={members} label="members">
          {(list) => <MembersTable members={list} myUserId={me.data?.user.id} />}
        </QueryState>
        <PendingInvitations />
      </Stack>
    </>
  );
}

function InviteMemberForm() {
  const invite = useInviteMember();
  const deniedReason = useDeniedReason('manage');
  const form = useForm<{ email: string; role: MemberRole }>({ initialValues: { email: '', role: 'editor' } });
  const submit = form.onSubmit((values) =>
    invite.mutate(values, {
      onSuccess: () => form.reset(),
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        form.setErrors(Object.keys(fields).length > 0 ? fields : { email: error.message });
      },
    }),
  );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="invite-member-title">
      <Title order={2} size="h4" id="invite-member-title" mb="xs">
        Invite a member
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        We mail them a link. They join with the role you choose once they accept it, signed in with this
        address and having confirmed it. The link works for 7 days.
      </Text>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Email"
            type="email"
            required
            disabled={!!deniedReason}
            style={{ flex: '1 1 220px' }}
            {...form.getInputProps('email')}
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS}
            allowDeselect={false}
            disabled={!!deniedReason}
            w={140}
            {...form.getInputProps('role')}
          />
          <GuardedButton requires="manage" type="submit" loading={invite.isPending}>
            Send invitation
          </GuardedButton>
        </Group>
      </form>
    </Paper>
  );
}

function MembersTable({ members, myUserId }: { members: Member[]; myUserId?: string }) {
  const changeRole = useChangeRole();
  const removeMember = useRemoveMember();
  const deniedReason = useDeniedReason('manage');
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover aria-label="Members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Joined</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <Table.Tr key={member.userId}>
              <Table.Td>
                {member.name} {member.userId === myUserId && <Badge variant="light">you</Badge>}
              </Table.Td>
              <Table.Td>{member.email}</Table.Td>
              <Table.Td>
                {deniedReason ? (
                  <Text size="sm" tt="capitalize">
                    {member.role}
                  </Text>
                ) : (
                  <Select
                    aria-label={`Role of ${member.name}`}
                    data={ROLE_OPTIONS}
                    value={member.role}
                    allowDeselect={false}
                    w={130}
                    size="xs"
                    onChange={(role) =>
                      role && changeRole.mutate({ userId: member.userId, role: role as MemberRole })
                    }
                  />
                )}
              </Table.Td>
              <Table.Td>{dayjs(member.joinedAt).format('D MMM YYYY')}</Table.Td>
              <Table.Td>
                <GuardedButton
                  requires="manage"
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${member.name}`}
                  loading={removeMember.isPending && removeMember.variables === member.userId}
                  onClick={() => removeMember.mutate(member.userId)}
                >
                  Remove
                </GuardedButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
