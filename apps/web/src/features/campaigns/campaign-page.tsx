import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { ConfirmDelete } from '../../components/confirm-delete';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { AnchorLink } from '../../components/anchor-link';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { statusColor, statusLabel } from '../../lib/post-status';
import { type Campaign, type CampaignPost, useCampaign, useCampaignPosts, useDeleteCampaign } from './api';
import { BankForm } from './bank-form';
import { BankSummary } from './bank-summary';
import { CampaignForm } from './campaign-form';
import { CampaignStatusBadge, LifecycleActions, statusNote } from './campaign-status';
import { describeSchedule, formatInZone } from './schedule';
import { WinnerPanel } from './winner-panel';

const route = getRouteApi('/app/campaigns/$campaignId');

export function CampaignPage() {
  const { campaignId } = route.useParams();
  const campaign = useCampaign(campaignId);
  return (
    <QueryState query={campaign} label="the campaign">
      {(data) => <CampaignDetail campaign={data} />}
    </QueryState>
  );
}

function CampaignDetail({ campaign }: { campaign: Campaign }) {
  const [editing, editDialog] = useDisclosure(false);
  const [editingBank, bankDialog] = useDisclosure(false);
  const remove = useDeleteCampaign();
  const navigate = useNavigate();
  const posts = useCampaignPosts(campaign.id);
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={describeSchedule(campaign.schedule)}
        actions={
          <>
            <LifecycleActions campaign={campaign} />
            <Button component={Link} to="/calendar" variant="default">
              Open the calendar
            </Button>
            <GuardedButton requires="write" variant="default" onClick={editDialog.open}>
              Edit
            </GuardedButton>
            <ConfirmDelete
              label={`Delete ${campaign.name}`}
              title={`Delete ${campaign.name}?`}
              isPending={remove.isPending}
              onConfirm={() =>
                remove.mutate(campaign.id, { onSuccess: () => void navigate({ to: '/campaigns' }) })
              }
            >
              The schedule goes; its posts stay scheduled as they are, outside any campaign.
            </ConfirmDelete>
          </>
        }
      />
      <Stack gap="lg">
        <Text size="sm">
          <AnchorLink to="/campaigns">All campaigns</AnchorLink>
        </Text>
        <Group gap="xs" wrap="wrap">
          <CampaignStatusBadge status={campaign.status} />
          <Text size="sm">
            {statusNote(campaign)}
            {campaign.status === 'active' &&
              (campaign.nextFreeSlotAt
                ? ` The next post added takes ${formatInZone(campaign.nextFreeSlotAt, campaign.schedule.timezone)} (${campaign.schedule.timezone}).`
                : ' No free slot ahead.')}
          </Text>
        </Group>
        <Paper component="section" withBorder radius="md" p="md" aria-labelledby="bank-title">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4" id="bank-title">
              Bank and rotation
            </Title>
            <GuardedButton requires="write" variant="default" size="xs" onClick={bankDialog.open}>
              Edit the bank
            </GuardedButton>
          </Group>
          <BankSummary campaign={campaign} />
        </Paper>
        {campaign.templates.length > 0 && <WinnerPanel campaign={campaign} />}
        <section aria-labelledby="slots-title">
          <Title order={2} size="h4" id="slots-title" mb="sm">
            Slots
          </Title>
          <QueryState query={posts} label="the campaign's posts">
            {(list) =>
              list.length === 0 ? (
                <EmptyState
                  title="No posts in this campaign yet"
                  actions={
                    <Button component={Link} to="/compose">
                      Compose a post
                    </Button>
                  }
                >
                  In Compose, choose this campaign: each post takes the next free slot, in order.
                </EmptyState>
              ) : (
                <PostsList posts={list} timeZone={campaign.schedule.timezone} />
              )
            }
          </QueryState>
        </section>
      </Stack>
      <Modal opened={editing} onClose={editDialog.close} title={`Edit ${campaign.name}`} size="lg">
        <CampaignForm campaign={campaign} onSaved={editDialog.close} />
      </Modal>
      <Modal opened={editingBank} onClose={bankDialog.close} title={`The bank of ${campaign.name}`} size="xl">
        <BankForm campaign={campaign} onSaved={bankDialog.close} />
      </Modal>
    </>
  );
}

/** One line per post, soonest first: its slot, where it goes, its state; it reads the same on a phone. */
function PostsList({ posts, timeZone }: { posts: CampaignPost[]; timeZone: string }) {
  const sorted = [...posts].sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''));
  return (
    <Stack
      component="ul"
      gap="xs"
      aria-label="Posts of the campaign"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {sorted.map((post) => (
        <Paper component="li" key={post.id} withBorder radius="md" p="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Text fw={500}>
                {post.scheduledAt
                  ? `${formatInZone(post.scheduledAt, timeZone)} (${timeZone})`
                  : 'Not scheduled'}
              </Text>
              <AnchorLink
                to="/posts/$postId"
                params={{ postId: post.id }}
                size="sm"
                lineClamp={1}
                style={{ overflowWrap: 'anywhere' }}
              >
                {post.targets[0]?.text || 'Open the post'}
              </AnchorLink>
            </Stack>
            <Group gap={4}>
              {post.targets.map((target) => (
                <Badge key={target.id} variant="outline" color="gray" tt="capitalize">
                  {target.platform}
                  {target.variant && ` · ${target.variant}`}
                </Badge>
              ))}
              <Badge color={statusColor(post.status)}>{statusLabel(post.status)}</Badge>
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
