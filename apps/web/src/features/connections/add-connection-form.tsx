import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { UrlInput } from '../../components/url-input';
import { SecretOnce } from '../../components/secret-once';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { ApiError } from '../../lib/api/api-error';
import { type NewConnection, useCreateConnection } from './api';

export type DirectPlatform = NewConnection['platform'];

interface Values {
  name: string;
  url: string;
  timezone: string;
}

/** Adds a webhook (each post POSTed as signed JSON) or a manual channel; a webhook's secret is shown once. */
export function AddConnectionForm({ platform, onDone }: { platform: DirectPlatform; onDone: () => void }) {
  const create = useCreateConnection();
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { name: '', url: '', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
  });
  if (secret) return <SecretOnce secret={secret} onDone={onDone} />;
  const submit = form.onSubmit(({ name, url, timezone }) =>
    create.mutate(
      { platform, name, timezone, ...(platform === 'webhook' ? { config: { url } } : {}) },
      {
        onSuccess: (created) => (created.signingSecret ? setSecret(created.signingSecret) : onDone()),
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldMessages() : {};
          form.setErrors({
            ...fields,
            url: fields['config.url'] ?? fields.config,
            name: fields.name ?? (Object.keys(fields).length ? undefined : error.message),
          });
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {platform === 'webhook'
            ? 'Each post is sent as signed JSON to this URL (Zapier, Make, n8n or your own server).'
            : 'Shopcast prepares each post for you to publish by hand; you mark it done with its URL.'}
        </Text>
        <TextInput label="Name" required {...form.getInputProps('name')} />
        {platform === 'webhook' && <UrlInput {...form.getInputProps('url')} />}
        <TimeZoneSelect label="Time zone" {...form.getInputProps('timezone')} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {platform === 'webhook' ? 'Add webhook' : 'Add channel'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
