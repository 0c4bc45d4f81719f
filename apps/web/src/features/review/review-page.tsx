import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { PostPreviewCard } from '../../components/post-preview-card';
import { QueryState } from '../../components/query-state';
import { useMe } from '../../lib/me';
import {
  type Connection,
  type Post,
  type PostTarget,
  useApprovePost,
  useConnections,
  usePosts,
  usePublishingSettings,
  useRetryPost,
} from '../../lib/posts';
import { platformLabel } from '../../lib/post-status';
import { previewTarget } from '../../lib/post-preview';
import { MarkPublishedButton, RejectButton } from './review-actions';

export function ReviewPage() {
  const waiting = usePosts({ status: 'needs_review' });
  const unconfirmed = usePosts({ status: 'unconfirmed' });
  const scheduled = usePosts({ status: 'scheduled', platform: 'manual' });
  const connections = useConnections();
  const nameOf = (id: string) => connections.data?.find((connection) => connection.id === id);
  return (
    <>
      <PageHeader
        title="Review"
        description="Posts waiting for approval, posts whose outcome is unknown, and bundles you post by hand."
      />
      <Stack gap="xl">
        <Section title="Waiting for approval" id="waiting">
          <QueryState query={waiting} label="posts waiting for approval">
            {(posts) =>
              posts.length === 0 ? (
                <EmptyState title="Nothing to approve">
                  Posts that need approval show here. Turn review on for every post in{' '}
                  <Anchor component={Link} to="/settings">
                    settings
                  </Anchor>
                  , or tick “Ask for review” when you compose one.
                </EmptyState>
              ) : (
                posts.map((post) => <ReviewItem key={post.id} post={post} connectionOf={nameOf} />)
              )
            }
          </QueryState>
        </Section>
        <Section title="Outcome unknown" id="unconfirmed">
          <Text size="sm" c="dimmed">
            Shopcast lost the answer while publishing these. Check the account: if the post is there, paste
            its address; if not, publish it again.
          </Text>
          <QueryState query={unconfirmed} label="unconfirmed posts">
            {(posts) =>
              posts.length === 0 ? (
                <Text size="sm">No post is waiting for a check.</Text>
              ) : (
                posts.map((post) => (
                  <CheckItem
                    key={post.id}
                    post={post}
                    connectionOf={nameOf}
                    states={['unconfirmed']}
                    canRetry
                  />
                ))
              )
            }
          </QueryState>
        </Section>
        <Section title="To post by hand" id="manual">
          <QueryState query={scheduled} label="manual posts">
            {(posts) =>
              posts.length === 0 ? (
                <Text size="sm">No manual bundle is waiting. Manual connections get their posts here.</Text>
              ) : (
                posts.map((post) => (
                  <CheckItem key={post.id} post={post} connectionOf={nameOf} states={['scheduled']} />
                ))
              )
            }
          </QueryState>
        </Section>
      </Stack>
    </>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={`section-${id}`}>
      <Title order={2} size="h4" id={`section-${id}`}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

type ConnectionOf = (id: string) => Connection | undefined;

function accountOf(target: PostTarget, connectionOf: ConnectionOf): string {
  const connection = connectionOf(target.connectionId);
  return connection?.accountName ?? connection?.name ?? platformLabel(target.platform);
}

function when(post: Post): string {
  return post.scheduledAt
    ? `For ${dayjs(post.scheduledAt).format('ddd D MMM YYYY, HH:mm')}`
    : 'No time set yet';
}

function label(post: Post): string {
  return `post ${(post.targets[0]?.text ?? '').slice(0, 30)}`;
}

/** A post in one of the queues: when it is due, what can be done with it, and a way to its details. */
function ItemCard({
  post,
  kind,
  actions,
  children,
}: {
  post: Post;
  kind: string;
  actions: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-label={`${kind}: ${label(post)}`}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Text size="sm" fw={600}>
          {when(post)}
        </Text>
        <Group gap="xs">
          {actions}
          <Button
            variant="subtle"
            renderRoot={(props) => <Link {...props} to="/posts/$postId" params={{ postId: post.id }} />}
          >
            Details
          </Button>
        </Group>
      </Group>
      {children}
    </Paper>
  );
}

const OWN_POST = 'You made this post: this workspace needs someone else to approve it.';

/** Why the signed-in person may not approve this post under the workspace's rules, if they may not. */
function useOwnPostReason(post: Post): string | undefined {
  const me = useMe().data;
  const settings = usePublishingSettings().data;
  const isOwn = me !== undefined && post.createdBy === me.user.id;
  return isOwn && settings?.requireDistinctApprover ? OWN_POST : undefined;
}

function ReviewItem({ post, connectionOf }: { post: Post; connectionOf: ConnectionOf }) {
  const approve = useApprovePost();
  const ownPostReason = useOwnPostReason(post);
  return (
    <ItemCard
      post={post}
      kind="Post for review"
      actions={
        <>
          <GuardedButton
            requires="write"
            deniedBecause={ownPostReason}
            loading={approve.isPending}
            onClick={() => approve.mutate(post.id)}
            aria-label={`Approve ${label(post)}`}
          >
            Approve
          </GuardedButton>
          <RejectButton post={post} label={label(post)} />
        </>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {post.targets.map((target) => {
          const preview = previewTarget(target.platform, {
            text: target.publishedText,
            title: target.title ?? undefined,
            hasMedia: target.media.length > 0,
          });
          return (
            <Stack key={target.id} gap={4}>
              <PostPreviewCard
                platform={target.platform}
                accountName={accountOf(target, connectionOf)}
                text={target.publishedText}
                title={target.title}
                media={target.media.map((item) => ({ url: item.url, kind: item.kind }))}
                overflowAt={preview.overflowAt}
              />
              {preview.violations.map((violation) => (
                <Text key={violation.rule} size="xs" c="red.9">
                  {violation.message}
                </Text>
              ))}
            </Stack>
          );
        })}
      </SimpleGrid>
    </ItemCard>
  );
}

function CheckItem({
  post,
  connectionOf,
  states,
  canRetry = false,
}: {
  post: Post;
  connectionOf: ConnectionOf;
  states: PostTarget['status'][];
  canRetry?: boolean;
}) {
  const retry = useRetryPost();
  const targets = post.targets.filter(
    (target) => states.includes(target.status) && (canRetry || target.platform === 'manual'),
  );
  return (
    <ItemCard
      post={post}
      kind="Post to check"
      actions={
        canRetry && (
          <GuardedButton
            requires="write"
            variant="default"
            loading={retry.isPending}
            onClick={() => retry.mutate(post.id)}
            aria-label={`Publish again: ${label(post)}`}
          >
            Publish again
          </GuardedButton>
        )
      }
    >
      <Stack gap="sm">
        {targets.map((target) => (
          <Group key={target.id} justify="space-between" align="flex-start" wrap="wrap" gap="sm">
            <Stack gap={4} style={{ flex: '1 1 240px', minWidth: 0 }}>
              <Group gap="xs">
                <Badge variant="outline" color="dark">
                  {platformLabel(target.platform)}
                </Badge>
                <Text size="sm">{accountOf(target, connectionOf)}</Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {target.publishedText}
              </Text>
            </Stack>
            <MarkPublishedButton post={post} target={target} label={label(post)} />
          </Group>
        ))}
      </Stack>
    </ItemCard>
  );
}
