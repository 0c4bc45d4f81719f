import { Badge, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { GuardedButton } from '../../components/guarded-button';
import { type Campaign, type CampaignAction, useCampaignAction } from './api';

/** Words and badge colours (white text at AA contrast) of a campaign's status. */
const STATUS: Record<Campaign['status'], { label: string; color: string }> = {
  active: { label: 'Active', color: '#087f5b' },
  paused: { label: 'Paused', color: '#364fc7' },
  completed: { label: 'Completed', color: '#343a40' },
};

const DONE: Record<CampaignAction, string> = {
  pause: 'Paused: its open slots are held until you resume it',
  resume: 'Resumed: the paused posts take the next free slots from now',
  complete: 'Completed: its open slots are cancelled, what went out stays',
};

export function CampaignStatusBadge({ status }: { status: Campaign['status'] }) {
  return (
    <Badge component="span" color={STATUS[status].color}>
      {STATUS[status].label}
    </Badge>
  );
}

/** What a campaign's status means for its slots, in a sentence. */
export function statusNote(campaign: Campaign): string {
  if (campaign.status === 'paused')
    return 'Nothing goes out while it is paused: its open slots are held, and resuming plans them again from now.';
  if (campaign.status === 'completed')
    return 'It is over: its open slots were cancelled, and what went out stays below with its results.';
  return 'It posts on schedule.';
}

/** Pause or resume, and complete (which asks first): for editors and up, as the campaign's status allows. */
export function LifecycleActions({ campaign }: { campaign: Campaign }) {
  const action = useCampaignAction(campaign.id);
  const [isConfirming, setConfirming] = useState(false);
  const run = (name: CampaignAction) =>
    action.mutate(name, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'teal', message: DONE[name] });
      },
    });
  if (campaign.status === 'completed') return null;
  return (
    <Group gap="xs">
      {campaign.status === 'active' ? (
        <GuardedButton
          requires="write"
          variant="default"
          loading={action.isPending && action.variables === 'pause'}
          onClick={() => run('pause')}
        >
          Pause
        </GuardedButton>
      ) : (
        <GuardedButton
          requires="write"
          loading={action.isPending && action.variables === 'resume'}
          onClick={() => run('resume')}
        >
          Resume
        </GuardedButton>
      )}
      <GuardedButton requires="write" variant="default" color="red" onClick={() => setConfirming(true)}>
        Complete
      </GuardedButton>
      <ConfirmDialog
        opened={isConfirming}
        title={`Complete ${campaign.name}?`}
        confirmLabel="Complete campaign"
        isPending={action.isPending && action.variables === 'complete'}
        onConfirm={() => run('complete')}
        onClose={() => setConfirming(false)}
      >
        Its open slots are cancelled and it drafts nothing more. Published posts, their metrics and sales
        stay. A completed campaign cannot be resumed.
      </ConfirmDialog>
    </Group>
  );
}
