import { Badge, Button, Code, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { SecretOnce } from '../../components/secret-once';
import { ApiError } from '../../lib/api/api-error';
import { type Role, useDeniedReason, useMe } from '../../lib/me';
import { type ApiKey, type ApiKeyRole, useApiKeys, useCreateApiKey, useRevokeApiKey } from './api';

/** Strongest first: a key may have the creator's role or any after it. */
const ROLE_OPTIONS: { value: ApiKeyRole; label: string }[] = [
  { value: 'owner', label: 'Owner' },
  { value: 'admin', label: 'Admin' },
  { value: 'editor', label: 'Editor' },
  { value: 'viewer', label: 'Viewer' },
];
/** The server refuses an expiry more than 730 days ahead; the last day offered ends within that. */
const LAST_EXPIRY_DAY = 729;
const DATE_TIME = 'D MMM YYYY, HH:mm';

function rolesUpTo(role: Role | undefined) {
  const index = ROLE_OPTIONS.findIndex((option) => option.value === role);
  return index < 0 ? [] : ROLE_OPTIONS.slice(index);
}

export function ApiKeysPage() {
  const keys = useApiKeys();
  const isRoleKnown = useMe().data !== undefined;
  const deniedReason = useDeniedReason('manage');
  const [isCreating, createDialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let scripts and integrations use the Shopcast API in this workspace, as the member who created them and with the role chosen for them. Send a key as the header Authorization: Bearer <key>."
        actions={
          <GuardedButton requires="manage" onClick={createDialog.open}>
            Create API key
          </GuardedButton>
        }
      />
      {isRoleKnown && deniedReason && (
        <Text size="sm" mb="md">
          {deniedReason} You can see the workspace&apos;s keys, but not create or revoke them.
        </Text>
      )}
      <QueryState query={keys} label="API keys">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No API keys yet">
              Create one for each script or integration, so you can revoke one without stopping the others.
            </EmptyState>
          ) : (
            <KeysTable keys={list} />
          )
        }
      </QueryState>
      <Modal opened={isCreating} onClose={createDialog.close} title="Create an API key">
        <CreateKeyForm onDone={createDialog.close} />
      </Modal>
    </>
  );
}

function KeysTable({ keys }: { keys: ApiKey[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label="API keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Created by</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>{key.name}</Table.Td>
              <Table.Td>
                <Code>{key.prefix}…</Code>
              </Table.Td>
              <Table.Td tt="capitalize">{key.role}</Table.Td>
              <Table.Td>
                {key.createdBy.name}
                <Text size="xs" c="dimmed">
                  {dayjs(key.createdAt).format(DATE_TIME)}
                </Text>
              </Table.Td>
              <Table.Td>{key.lastUsedAt ? dayjs(key.lastUsedAt).format(DATE_TIME) : 'Never'}</Table.Td>
              <Table.Td>
                <Expiry expiresAt={key.expiresAt} />
              </Table.Td>
              <Table.Td>
                <RevokeButton apiKey={key} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Expiry({ expiresAt }: { expiresAt: string | null }) {
  if (!expiresAt) return <>Never</>;
  if (dayjs(expiresAt).isBefore(dayjs())) {
    return (
      <Badge color="red.9" variant="outline">
        Expired {dayjs(expiresAt).format('D MMM YYYY')}
      </Badge>
    );
  }
  return <>{dayjs(expiresAt).format(DATE_TIME)}</>;
}

function RevokeButton({ apiKey }: { apiKey: ApiKey }) {
  const revoke = useRevokeApiKey();
  const [isConfirming, confirm] = useDisclosure(false);
  return (
    <>
      <GuardedButton
        requires="manage"
        size="xs"
        variant="subtle"
        color="red"
        aria-label={`Revoke ${apiKey.name}`}
        onClick={confirm.open}
      >
        Revoke
      </GuardedButton>
      <ConfirmDialog
        opened={isConfirming}
        title={`Revoke ${apiKey.name}?`}
        confirmLabel="Revoke key"
        isPending={revoke.isPending}
        onConfirm={() => revoke.mutate(apiKey.id, { onSuccess: confirm.close })}
        onClose={confirm.close}
      >
        Scripts using {apiKey.prefix}… stop working within seconds. This cannot be undone: they will need a
        new key.
      </ConfirmDialog>
    </>
  );
}

interface KeyValues {
  name: string;
  role: ApiKeyRole;
  expiresOn: string | null;
}

function CreateKeyForm({ onDone }: { onDone: () => void }) {
  const create = useCreateApiKey();
  const roles = rolesUpTo(useMe().data?.role);
  const [key, setKey] = useState<string | null>(null);
  const form = useForm<KeyValues>({ initialValues: { name: '', role: 'viewer', expiresOn: null } });
  if (key) {
    return (
      <SecretOnce secret={key} onDone={onDone} name="API key" copyLabel="Copy key">
        Shopcast keeps only a fingerprint of it. Store it where your script reads its secrets.
      </SecretOnce>
    );
  }
  const submit = form.onSubmit(({ name, role, expiresOn }) =>
    create.mutate(
      { name, role, ...(expiresOn ? { expiresAt: dayjs(expiresOn).endOf('day').toISOString() } : {}) },
      {
        onSuccess: (created) => setKey(created.key),
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldMessages() : {};
          const { expiresAt, ...others } = fields;
          form.setErrors(
            Object.keys(fields).length > 0
              ? { ...others, ...(expiresAt ? { expiresOn: expiresAt } : {}) }
              : { name: error.message },
          );
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Name"
          description="What uses it, e.g. Inventory sync"
          required
          maxLength={100}
          {...form.getInputProps('name')}
        />
        <Select
          label="Role"
          description="Viewers read; editors also change workspace data. At most your own role."
          data={roles}
          allowDeselect={false}
          {...form.getInputProps('role')}
        />
        <DatePickerInput
          label="Expires on"
          description="Optional: the key stops working at the end of this day"
          placeholder="Never"
          valueFormat="D MMM YYYY"
          clearable
          minDate={dayjs().format('YYYY-MM-DD')}
          maxDate={dayjs().add(LAST_EXPIRY_DAY, 'day').format('YYYY-MM-DD')}
          {...form.getInputProps('expiresOn')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
