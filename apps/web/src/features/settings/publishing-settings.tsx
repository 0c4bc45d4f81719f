import { Alert, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { GuardedButton } from '../../components/guarded-button';
import { QueryState } from '../../components/query-state';
import { useDeniedReason } from '../../lib/me';
import type { PublishingSettings as Settings } from '../../lib/posts';
import { usePublishingSettings, useSavePublishingSettings } from './api';

/** The review rules: owners and admins decide; everyone else sees them and why they cannot change them. */
export function PublishingSettings() {
  const settings = usePublishingSettings();
  return (
    <QueryState query={settings} label="publishing settings">
      {(current) => (
        <PublishingForm
          key={`${current.requireReview}-${current.requireDistinctApprover}`}
          current={current}
        />
      )}
    </QueryState>
  );
}

function PublishingForm({ current }: { current: Settings }) {
  const save = useSavePublishingSettings();
  const deniedReason = useDeniedReason('manage');
  const [requireReview, setRequireReview] = useState(current.requireReview);
  const [requireDistinctApprover, setRequireDistinctApprover] = useState(current.requireDistinctApprover);
  const isUnchanged =
    requireReview === current.requireReview && requireDistinctApprover === current.requireDistinctApprover;
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
        <Switch
          label="Approver must not be the post's author"
          description="Whoever made a post cannot approve it: another owner, admin or editor must."
          checked={requireDistinctApprover}
          disabled={!!deniedReason}
          onChange={(event) => setRequireDistinctApprover(event.currentTarget.checked)}
        />
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Now: {summary(current)}
          </Text>
          <GuardedButton
            requires="manage"
            loading={save.isPending}
            disabled={isUnchanged}
            onClick={() => save.mutate({ requireReview, requireDistinctApprover })}
          >
            Save publishing settings
          </GuardedButton>
        </Group>
      </Stack>
    </Paper>
  );
}

function summary(settings: Settings): string {
  const review = settings.requireReview ? 'posts need approval' : 'posts are scheduled as they are made';
  return settings.requireDistinctApprover ? `${review}, never by their author` : review;
}
