import { Button, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { ApiError } from '../../lib/api/api-error';
import { useMe } from '../../lib/me';
import { useCreateWorkspace, useSwitchWorkspace, useWorkspaces } from './api';

/** The current workspace's name; opens the list of the person's workspaces to switch or create one. */
export function WorkspaceSwitcher() {
  const me = useMe();
  const workspaces = useWorkspaces();
  const switchWorkspace = useSwitchWorkspace();
  const navigate = useNavigate();
  const [isCreating, creating] = useDisclosure(false);
  const currentId = me.data?.workspace.id;

  const switchTo = (workspaceId: string) =>
    switchWorkspace.mutate(workspaceId, { onSuccess: () => void navigate({ to: '/' }) });

  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="sm"
            maw={220}
            loading={switchWorkspace.isPending}
            aria-label={`${me.data?.workspace.name ?? 'Workspace'}, switch workspace`}
          >
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {me.data?.workspace.name ?? 'Workspace'}
            </span>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Your workspaces</Menu.Label>
          {(workspaces.data ?? []).map((workspace) => (
            <Menu.Item
              key={workspace.id}
              disabled={workspace.id === currentId}
              rightSection={workspace.id === currentId ? '✓' : workspace.role}
              onClick={() => switchTo(workspace.id)}
            >
              {workspace.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={creating.open}>New workspace…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={isCreating} onClose={creating.close} title="New workspace">
        <CreateWorkspaceForm
          onCreated={(workspaceId) => {
            creating.close();
            switchTo(workspaceId);
          }}
        />
      </Modal>
    </>
  );
}

function CreateWorkspaceForm({ onCreated }: { onCreated: (workspaceId: string) => void }) {
  const create = useCreateWorkspace();
  const form = useForm({ initialValues: { name: '' } });
  const submit = form.onSubmit((values) =>
    create.mutate(values, {
      onSuccess: (workspace) => onCreated(workspace.id),
      onError: (error) =>
        form.setErrors(
          error instanceof ApiError && error.fields.length ? error.fieldMessages() : { name: error.message },
        ),
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Button type="submit" loading={create.isPending}>
          Create and switch to it
        </Button>
      </Stack>
    </form>
  );
}
