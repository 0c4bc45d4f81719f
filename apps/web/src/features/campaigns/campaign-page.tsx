import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { ConfirmDelete } from '../../components/confirm-delete';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { AnchorLink } from '../../components/anchor-link';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { type Campaign, type CampaignPost, useCampaign, useCampaignPosts, useDeleteCampaign } from './api';
import { CampaignForm } from './campaign-form';
import { describeSchedule, formatInZone } from './schedule';

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
          {campaign.nextFreeSlotAt
            ? ` · The next post added takes ${formatInZone(campaign.nextFreeSlotAt, campaign.schedule.timezone)} (${campaign.schedule.timezone}).`
            : ' · No free slot ahead.'}
        </Text>
        <section aria-labelledby="slots-title">
          <Title order={2} size="h4" id="slots-title" mb="sm">
            Slots taken
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
                <PostsTable posts={list} timeZone={campaign.schedule.timezone} />
              )
            }
          </QueryState>
        </section>
      </Stack>
      <Modal opened={editing} onClose={editDialog.close} title={`Edit ${campaign.name}`} size="lg">
        <CampaignForm campaign={campaign} onSaved={editDialog.close} />
      </Modal>
    </>
  );
}

function PostsTable({ posts, timeZone }: { posts: CampaignPost[]; timeZone: string }) {
  const sorted = [...posts].sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''));
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Posts of the campaign">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Slot ({timeZone})</Table.Th>
              <Table.Th>Where</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Post</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((post) => (
              <Table.Tr key={post.id}>
                <Table.Td>
                  {post.scheduledAt ? formatInZone(post.scheduledAt, timeZone) : 'Not scheduled'}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {post.targets.map((target) => (
                      <Badge key={target.id} variant="outline" color="gray" tt="none">
                        {target.platform}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td tt="capitalize">{post.status.replace('_', ' ')}</Table.Td>
                <Table.Td>
                  <AnchorLink to="/posts/$postId" params={{ postId: post.id }} size="sm">
                    {post.targets[0]?.text.slice(0, 40) || 'Open'}
                  </AnchorLink>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
