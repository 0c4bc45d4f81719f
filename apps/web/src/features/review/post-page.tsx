import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { PostPreviewCard } from '../../components/post-preview-card';
import { QueryState } from '../../components/query-state';
import {
  type Connection,
  type Post,
  type PostTarget,
  useCancelPost,
  useConnections,
  usePost,
  useRetryPost,
} from '../../lib/posts';
import { formatCount, formatMoney } from '../../lib/format';
import { platformLabel, statusColor, statusLabel } from '../../lib/post-status';
import { type PostResults, usePostResults } from './api';
import { MarkPublishedButton } from './review-actions';

const ERROR_ADVICE: Record<string, string> = {
  retryable: 'The platform had a temporary problem; Shopcast tries again by itself.',
  rate_limited: 'The platform asked Shopcast to slow down; it tries again later by itself.',
  needs_reconnect: 'The account must be connected again on the Connections page.',
  rejected_content: 'The platform refused the content: edit it and publish again.',
  unknown_outcome: 'Shopcast does not know whether it went out: check the account.',
};

const OPEN = ['draft', 'needs_review', 'approved', 'scheduled', 'paused'];
const format = (at: string | null) => (at ? dayjs(at).format('D MMM YYYY, HH:mm') : '—');

export function PostPage() {
  const { postId } = useParams({ from: '/app/posts/$postId' });
  const post = usePost(postId);
  const connections = useConnections();
  return (
    <QueryState query={post} label="the post">
      {(data) => <PostDetails post={data} connections={connections.data ?? []} />}
    </QueryState>
  );
}

function PostDetails({ post, connections }: { post: Post; connections: Connection[] }) {
  const cancel = useCancelPost();
  const retry = useRetryPost();
  const connectionOf = (target: PostTarget) =>
    connections.find((connection) => connection.id === target.connectionId);
  const canCancel = post.targets.some((target) => OPEN.includes(target.status));
  const canRetry = post.targets.some((target) => ['failed', 'unconfirmed'].includes(target.status));
  return (
    <>
      <PageHeader
        title="Post"
        description={
          <>
            <Badge component="span" color={statusColor(post.status)} mr="xs">
              {statusLabel(post.status)}
            </Badge>
            {post.scheduledAt ? `Scheduled for ${format(post.scheduledAt)}` : 'No time set'} · created{' '}
            {format(post.createdAt)}
          </>
        }
        actions={
          <>
            {canRetry && (
              <GuardedButton requires="write" loading={retry.isPending} onClick={() => retry.mutate(post.id)}>
                Publish again
              </GuardedButton>
            )}
            {canCancel && (
              <GuardedButton
                requires="write"
                variant="default"
                color="red"
                loading={cancel.isPending}
                onClick={() => cancel.mutate(post.id)}
              >
                Cancel post
              </GuardedButton>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {post.reviewNote && (
          <Alert color={post.status === 'cancelled' ? 'red' : 'blue'} title="Review note">
            {post.reviewNote}
          </Alert>
        )}
        <Results post={post} />
        {post.targets.map((target) => (
          <TargetDetails key={target.id} post={post} target={target} connection={connectionOf(target)} />
        ))}
        <Attempts post={post} />
      </Stack>
    </>
  );
}

function TargetDetails({
  post,
  target,
  connection,
}: {
  post: Post;
  target: PostTarget;
  connection?: Connection;
}) {
  const name = connection?.name ?? platformLabel(target.platform);
  const headingId = `target-${target.id}`;
  const canMark =
    target.status === 'unconfirmed' ||
    (target.platform === 'manual' && ['draft', 'approved', 'scheduled'].includes(target.status));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {name}{' '}
          <Text span c="dimmed" size="sm">
            ({platformLabel(target.platform)})
          </Text>
        </Title>
        <Group gap="xs">
          <Badge color={statusColor(target.status)}>{statusLabel(target.status)}</Badge>
          {canMark && <MarkPublishedButton post={post} target={target} label={name} />}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <Fact label="Due">{format(target.dueAt)}</Fact>
          <Fact label="Published">{format(target.publishedAt)}</Fact>
          {target.variant && <Fact label="Variant">{target.variant}</Fact>}
          <Fact label="Short link">
            <TrackedLink target={target} />
          </Fact>
          {target.externalUrl && (
            <Fact label="Live post">
              <Anchor
                href={target.externalUrl}
                target="_blank"
                rel="noreferrer"
                style={{ overflowWrap: 'anywhere' }}
              >
                {target.externalUrl}
              </Anchor>
            </Fact>
          )}
          {target.holdReason && <Fact label="Note">{target.holdReason}</Fact>}
          {target.error && (
            <Alert color="red" title="What went wrong" role="status">
              <Text size="sm">{target.error.message}</Text>
              <Text size="sm" mt={4}>
                {ERROR_ADVICE[target.error.class]}
              </Text>
            </Alert>
          )}
          {target.metrics && <Metrics metrics={target.metrics} />}
        </Stack>
        <PostPreviewCard
          platform={target.platform}
          accountName={connection?.accountName ?? name}
          text={target.publishedText}
          title={target.title}
          media={target.media.map((item) => ({ url: item.url, kind: item.kind }))}
        />
      </SimpleGrid>
    </Paper>
  );
}

/** The target's short link and where it leads, or why it has none. */
function TrackedLink({ target }: { target: PostTarget }) {
  if (target.link)
    return (
      <>
        <Anchor
          href={target.link.shortUrl}
          target="_blank"
          rel="noreferrer"
          style={{ overflowWrap: 'anywhere' }}
        >
          {target.link.shortUrl}
        </Anchor>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          Leads to {target.destinationUrl}
        </Text>
      </>
    );
  if (target.destinationUrl)
    return target.platform === 'manual' ? (
      <>Not made yet: save a change to the post to make it (leads to {target.destinationUrl})</>
    ) : (
      <>Made before it is published (leads to {target.destinationUrl})</>
    );
  return <>{target.tracking ? 'None: the text has no link' : 'Off: links are published as written'}</>;
}

/** The post's clicks and sales through its short links, since it was made. */
function Results({ post }: { post: Post }) {
  const results = usePostResults(post);
  return (
    <Stack gap="xs" component="section" aria-labelledby="results-title">
      <Title order={2} size="h4" id="results-title">
        Results
      </Title>
      <QueryState query={results} label="the post's results">
        {(data) => <ResultCards results={data} />}
      </QueryState>
    </Stack>
  );
}

function ResultCards({ results }: { results: PostResults }) {
  const money = (pick: (row: PostResults['revenue'][number]) => number | null, none: string) => {
    const known = results.revenue.filter((row) => pick(row) !== null);
    return known.length > 0
      ? known.map((row) => formatMoney(pick(row) ?? 0, row.currency)).join(' · ')
      : none;
  };
  const cards: [string, string][] = [
    ['Clicks', formatCount(results.clicks)],
    ['Orders', formatCount(results.orders)],
    ['Revenue', money((row) => row.revenueMinor, 'No sales yet')],
    [
      'Est. commission',
      money(
        (row) => row.estimatedCommissionMinor,
        results.revenue.length > 0 ? 'Needs a commission rate on the product' : 'No sales yet',
      ),
    ],
  ];
  return <Figures items={cards} />;
}

/** Labelled figures in small cards, four to a row (two on a phone). */
function Figures({ items }: { items: [string, string][] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      {items.map(([label, value]) => (
        <Paper key={label} withBorder p="xs" radius="sm">
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={700}>{value}</Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={90} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  );
}

function Metrics({ metrics }: { metrics: NonNullable<PostTarget['metrics']> }) {
  const items: [string, number][] = [
    ['Impressions', metrics.impressions],
    ['Views', metrics.views],
    ['Likes', metrics.likes],
    ['Comments', metrics.comments],
    ['Shares', metrics.shares],
    ['Saves', metrics.saves],
    ['Clicks', metrics.clicks],
  ];
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        Metrics{' '}
        <Text span size="xs" c="dimmed">
          (read {format(metrics.collectedAt)})
        </Text>
      </Text>
      <Figures items={items.map(([label, value]) => [label, formatCount(value)])} />
    </Stack>
  );
}

function Attempts({ post }: { post: Post }) {
  if (post.attempts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No publish attempt yet.
      </Text>
    );
  }
  const platformOf = (targetId: string) =>
    platformLabel(post.targets.find((target) => target.id === targetId)?.platform ?? '');
  return (
    <Stack gap="xs" component="section" aria-labelledby="attempts-title">
      <Title order={2} size="h4" id="attempts-title">
        Publish attempts
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-labelledby="attempts-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Started</Table.Th>
              <Table.Th>Platform</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {post.attempts.map((attempt) => (
              <Table.Tr key={attempt.id}>
                <Table.Td>{format(attempt.startedAt)}</Table.Td>
                <Table.Td>{platformOf(attempt.targetId)}</Table.Td>
                <Table.Td>
                  {statusLabel(attempt.outcome === 'calling' ? 'publishing' : attempt.outcome)}
                </Table.Td>
                <Table.Td>
                  {attempt.message ??
                    (attempt.responseStatus ? `The platform answered ${attempt.responseStatus}` : '—')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
