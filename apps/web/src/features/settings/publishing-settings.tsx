import { Alert, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { GuardedButton } from '../../components/guarded-button';
import { QueryState } from '../../components/query-state';
import type { Schema } from '../../lib/api/types';
import { useDeniedReason } from '../../lib/me';
import { usePublishingSettings, useSavePublishingSettings } from './api';

/** Review required: owners and admins decide; everyone else sees the setting and why they cannot change it. */
export function PublishingSettings() {
  const settings = usePublishingSettings();
  return (
    <QueryState query={settings} label="publishing settings">
      {(current) => <PublishingForm key={String(current.requireReview)} current={current} />}
    </QueryState>
  );
}

function PublishingForm({ current }: { current: Schema<'PublishingSettingsView'> }) {
  const save = useSavePublishingSettings();
  const deniedReason = useDeniedReason('manage');
  const [requireReview, setRequireReview] = useState(current.requireReview);
  return (
    <Paper withBorder p="md" radius="md" maw={560}>
      <Stack>
        {deniedReason && (
          <Alert color="gray.8" variant="outline" title="Read only" role="note">
            {deniedReason}
          </Alert>
        )}
        <Switch
          label="Require review before publishing"
          description="Every new post waits in Review until an owner, admin or editor approves it."
          checked={requireReview}
          disabled={!!deniedReason}
          onChange={(event) => setRequireReview(event.currentTarget.checked)}
        />
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Now: {current.requireReview ? 'posts need approval' : 'posts are scheduled as they are made'}
          </Text>
          <GuardedButton
            requires="manage"
            loading={save.isPending}
            disabled={requireReview === current.requireReview}
            onClick={() => save.mutate({ requireReview })}
          >
            Save publishing settings
          </GuardedButton>
        </Group>
      </Stack>
    </Paper>
  );
}
