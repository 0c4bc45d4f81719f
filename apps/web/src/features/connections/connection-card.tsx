import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { ConfirmDelete } from '../../components/confirm-delete';
import { GuardedButton } from '../../components/guarded-button';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { ApiError } from '../../lib/api/api-error';
import {
  type Connection,
  type OAuthPlatform,
  useAuthorize,
  useDeleteConnection,
  useUpdateConnection,
} from './api';
import { limitsSummary } from './limits';

const OAUTH: readonly string[] = [
  'x',
  'pinterest',
  'facebook',
  'instagram',
  'tiktok',
] satisfies OAuthPlatform[];

export function ConnectionCard({ connection }: { connection: Connection }) {
  const [editing, editDialog] = useDisclosure(false);
  const remove = useDeleteConnection();
  const authorize = useAuthorize();
  const needsReconnect = connection.status === 'needs_reconnect';
  const titleId = `connection-${connection.id}`;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="article"
      aria-labelledby={titleId}
      style={needsReconnect ? { borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Group gap="xs">
            <Title order={3} size="h5" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              {connection.name}
            </Title>
            <Badge variant="outline" color="gray" tt="capitalize">
              {connection.platform}
            </Badge>
            {needsReconnect ? (
              <Badge color="red" variant="filled">
                Needs reconnect
              </Badge>
            ) : (
              <Badge color="teal.9" variant="outline">
                Active
              </Badge>
            )}
          </Group>
          {connection.accountName && connection.accountName !== connection.name && (
            <Text size="sm">Account: {connection.accountName}</Text>
          )}
          {connection.url && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Sends to {connection.url}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {connection.timezone} · {limitsSummary(connection.limits)}
          </Text>
          {needsReconnect && (
            <Text size="sm" c="red.9" role="note">
              {asSentence(connection.statusReason ?? 'The platform no longer accepts this connection')}{' '}
              Scheduled posts wait until you reconnect.
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {needsReconnect && OAUTH.includes(connection.platform) && (
            <GuardedButton
              requires="write"
              size="xs"
              color="red"
              loading={authorize.isPending}
              onClick={() => authorize.mutate(connection.platform as OAuthPlatform)}
            >
              Reconnect
            </GuardedButton>
          )}
          <GuardedButton
            requires="write"
            size="xs"
            variant="default"
            aria-label={`Time zone and limits of ${connection.name}`}
            onClick={editDialog.open}
          >
            Time zone and limits
          </GuardedButton>
          <ConfirmDelete
            label={`Delete ${connection.name}`}
            title={`Delete ${connection.name}?`}
            isPending={remove.isPending}
            onConfirm={(close) => remove.mutate(connection.id, { onSuccess: close })}
          >
            Its scheduled posts are cancelled. Published posts and their results stay.
          </ConfirmDelete>
        </Group>
      </Group>
      <Modal opened={editing} onClose={editDialog.close} title={`Time zone and limits of ${connection.name}`}>
        <LimitsForm connection={connection} onSaved={editDialog.close} />
      </Modal>
    </Paper>
  );
}

interface LimitsValues {
  timezone: string;
  limits: {
    dailyCap: number | string;
    minGapSec: number | string;
    jitterSec: number | string;
    quietStart: string;
    quietEnd: string;
  };
}

/** Empty inputs mean "no cap" / "no quiet hours"; the server checks the numbers and says which is wrong. */
function LimitsForm({ connection, onSaved }: { connection: Connection; onSaved: () => void }) {
  const update = useUpdateConnection();
  const { limits } = connection;
  const form = useForm<LimitsValues>({
    initialValues: {
      timezone: connection.timezone,
      limits: {
        dailyCap: limits.dailyCap ?? '',
        minGapSec: limits.minGapSec,
        jitterSec: limits.jitterSec,
        quietStart: limits.quietStart ?? '',
        quietEnd: limits.quietEnd ?? '',
      },
    },
  });
  const submit = form.onSubmit((values) =>
    update.mutate(
      {
        id: connection.id,
        patch: {
          timezone: values.timezone,
          limits: {
            dailyCap: values.limits.dailyCap === '' ? null : Number(values.limits.dailyCap),
            minGapSec: Number(values.limits.minGapSec || 0),
            jitterSec: Number(values.limits.jitterSec || 0),
            quietStart: values.limits.quietStart || null,
            quietEnd: values.limits.quietEnd || null,
          },
        },
      },
      {
        onSuccess: onSaved,
        onError: (error) =>
          form.setErrors(
            error instanceof ApiError && error.fields.length
              ? error.fieldMessages()
              : { timezone: error.message },
          ),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TimeZoneSelect
          label="Time zone"
          description="Quiet hours and schedules use it"
          {...form.getInputProps('timezone')}
        />
        <NumberInput
          label="Daily cap"
          description="Posts per 24 hours; empty for no cap"
          allowDecimal={false}
          clampBehavior="none"
          {...form.getInputProps('limits.dailyCap')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberInput
            label="Minimum gap (seconds)"
            description="Between two posts"
            allowDecimal={false}
            clampBehavior="none"
            {...form.getInputProps('limits.minGapSec')}
          />
          <NumberInput
            label="Random jitter (seconds)"
            description="Added to each due time"
            allowDecimal={false}
            clampBehavior="none"
            {...form.getInputProps('limits.jitterSec')}
          />
          <TimeInput label="Quiet hours start" {...form.getInputProps('limits.quietStart')} />
          <TimeInput label="Quiet hours end" {...form.getInputProps('limits.quietEnd')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The server's reason as a sentence of its own, so the next one does not run into it. */
function asSentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
