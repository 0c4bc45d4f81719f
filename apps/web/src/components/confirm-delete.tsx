import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { GuardedButton } from './guarded-button';
import type { Action } from '../lib/me';

/** A delete button that asks first, saying what goes and what stays. */
export function ConfirmDelete({
  label,
  title,
  children,
  requires = 'write',
  isPending,
  onConfirm,
}: {
  /** The button's accessible name, e.g. "Delete Shop webhook". */
  label: string;
  title: string;
  children: ReactNode;
  requires?: Action;
  isPending: boolean;
  onConfirm: (close: () => void) => void;
}) {
  const [isOpen, dialog] = useDisclosure(false);
  return (
    <>
      <GuardedButton
        requires={requires}
        size="xs"
        variant="subtle"
        color="red"
        aria-label={label}
        onClick={dialog.open}
      >
        Delete
      </GuardedButton>
      <Modal opened={isOpen} onClose={dialog.close} title={title}>
        <Stack>
          <Text size="sm">{children}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={dialog.close}>
              Keep it
            </Button>
            <Button color="red" loading={isPending} onClick={() => onConfirm(dialog.close)}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
