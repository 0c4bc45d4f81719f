import {
  Accordion,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ConfirmDelete } from '../../components/confirm-delete';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { QueryState } from '../../components/query-state';
import { UrlInput } from '../../components/url-input';
import { SecretOnce } from '../../components/secret-once';
import { ApiError } from '../../lib/api/api-error';
import {
  type Webhook,
  type WebhookEvent,
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useWebhooks,
} from './api';

const EVENTS: { value: WebhookEvent; label: string }[] = [
  { value: 'platform.post.scheduled', label: 'Post scheduled' },
  { value: 'platform.post.published', label: 'Post published' },
  { value: 'platform.post.failed', label: 'Post failed' },
  { value: 'platform.post.unconfirmed', label: 'Post unconfirmed' },
  { value: 'platform.connection.created', label: 'Connection created' },
  { value: 'platform.connection.expired', label: 'Connection expired' },
  { value: 'platform.metrics.collected', label: 'Metrics collected' },
  { value: 'content.video.rendered', label: 'Video rendered' },
  { value: 'content.media.processed', label: 'Media processed' },
];
const labelOf = (event: string) => EVENTS.find((candidate) => candidate.value === event)?.label ?? event;

/** Outbound webhooks: URLs that receive the workspace's events, signed (Standard Webhooks). */
export function WebhooksSettings() {
  const webhooks = useWebhooks();
  const [adding, addDialog] = useDisclosure(false);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={560}>
          Shopcast POSTs each chosen event as signed JSON to your URL, and retries when it fails.
        </Text>
        <GuardedButton requires="write" onClick={addDialog.open}>
          Add webhook
        </GuardedButton>
      </Group>
      <QueryState query={webhooks} label="webhooks">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No webhooks yet">
              Add one to tell Zapier, Make, n8n or your own server when a post is published or fails.
            </EmptyState>
          ) : (
            <Accordion variant="separated" multiple>
              {list.map((webhook) => (
                <WebhookItem key={webhook.id} webhook={webhook} />
              ))}
            </Accordion>
          )
        }
      </QueryState>
      <Modal opened={adding} onClose={addDialog.close} title="Add an outbound webhook" size="lg">
        <WebhookForm onDone={addDialog.close} />
      </Modal>
    </Stack>
  );
}

function WebhookItem({ webhook }: { webhook: Webhook }) {
  const remove = useDeleteWebhook();
  return (
    <Accordion.Item value={webhook.id}>
      <Accordion.Control>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {webhook.url}
        </Text>
        <Text size="xs" c="dimmed">
          {webhook.events.map(labelOf).join(', ')}
        </Text>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Deliveries webhookId={webhook.id} />
          <Group justify="flex-end">
            <ConfirmDelete
              label={`Delete webhook ${webhook.url}`}
              title="Delete this webhook?"
              isPending={remove.isPending}
              onConfirm={(close) => remove.mutate(webhook.id, { onSuccess: close })}
            >
              {webhook.url} stops receiving events. Deliveries already made are not undone.
            </ConfirmDelete>
          </Group>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

const STATUS_COLOUR = { delivered: 'teal.9', retrying: 'grape.9', failed: 'red.9' } as const;

function Deliveries({ webhookId }: { webhookId: string }) {
  const deliveries = useDeliveries(webhookId);
  return (
    <QueryState query={deliveries} label="deliveries">
      {(list) =>
        list.length === 0 ? (
          <Text size="sm" c="dimmed">
            No deliveries yet: they appear here when one of the chosen events happens.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table aria-label="Deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Result</Table.Th>
                  <Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((delivery) => (
                  <Table.Tr key={delivery.id}>
                    <Table.Td>{dayjs(delivery.attemptedAt).format('D MMM HH:mm:ss')}</Table.Td>
                    <Table.Td>{labelOf(delivery.event)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOUR[delivery.status]} variant="outline">
                        {delivery.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {[
                        delivery.responseStatus && `HTTP ${delivery.responseStatus}`,
                        `attempt ${delivery.attempt}`,
                        delivery.error,
                        delivery.nextRetryAt && `next try ${dayjs(delivery.nextRetryAt).format('HH:mm')}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  );
}

function WebhookForm({ onDone }: { onDone: () => void }) {
  const create = useCreateWebhook();
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<{ url: string; events: WebhookEvent[] }>({
    initialValues: { url: '', events: ['platform.post.published', 'platform.post.failed'] },
  });
  if (secret) return <SecretOnce secret={secret} onDone={onDone} />;
  const submit = form.onSubmit((values) =>
    create.mutate(values, {
      onSuccess: (created) => setSecret(created.signingSecret),
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        form.setErrors(Object.keys(fields).length ? fields : { url: error.message });
      },
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <UrlInput {...form.getInputProps('url')} />
        <Checkbox.Group label="Events" required {...form.getInputProps('events')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} mt={6} spacing="xs">
            {EVENTS.map((event) => (
              <Checkbox key={event.value} value={event.value} label={event.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            Add webhook
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
