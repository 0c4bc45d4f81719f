import type { DatesSetArg, EventClickArg, EventDropArg } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useState } from 'react';
import './calendar.css';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { messageOf } from '../../lib/api/api-error';
import { useDeniedReason } from '../../lib/me';
import {
  type Post,
  type PostFilters,
  type TargetStatus,
  useConnections,
  usePosts,
  useSchedulePost,
} from '../../lib/posts';
import {
  PLATFORM_LABELS,
  platformColor,
  platformLabel,
  STATUS_LABELS,
  statusColor,
  statusLabel,
} from '../../lib/post-status';
import { useCampaignOptions } from './api';
import { platformsOf, postTime, snippet, toCalendarEvents } from './calendar-events';

type View = 'calendar' | 'queue';

const STATUS_OPTIONS = Object.entries(STATUS_LABELS)
  .filter(([value]) => value !== 'mixed')
  .map(([value, label]) => ({ value, label }));

export function CalendarPage() {
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [view, setView] = useState<View | null>(null);
  const shown: View = view ?? (isPhone ? 'queue' : 'calendar');
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [status, setStatus] = useState<TargetStatus | null>(null);

  return (
    <>
      <PageHeader
        title="Calendar"
        description="Scheduled and published posts. Drag a post to another day or time to move it."
        actions={
          <>
            <Button component={Link} to="/posts/import" variant="default">
              Import posts
            </Button>
            <Button component={Link} to="/compose">
              New post
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="View"
            value={shown}
            onChange={(value) => setView(value as View)}
            data={[
              { value: 'calendar', label: 'Calendar' },
              { value: 'queue', label: 'Queue' },
            ]}
          />
          <Filters
            connectionId={connectionId}
            onConnection={setConnectionId}
            campaignId={campaignId}
            onCampaign={setCampaignId}
            status={status}
            onStatus={setStatus}
          />
        </Group>
        <Legend />
        {shown === 'calendar' ? (
          <PostCalendar
            connectionId={connectionId}
            filters={{ campaignId: campaignId ?? undefined, status: status ?? undefined }}
          />
        ) : (
          <Queue
            connectionId={connectionId}
            filters={{ campaignId: campaignId ?? undefined, status: status ?? undefined }}
          />
        )}
      </Stack>
    </>
  );
}

function Filters(props: {
  connectionId: string | null;
  onConnection: (id: string | null) => void;
  campaignId: string | null;
  onCampaign: (id: string | null) => void;
  status: TargetStatus | null;
  onStatus: (status: TargetStatus | null) => void;
}) {
  const connections = useConnections();
  const campaigns = useCampaignOptions();
  const filters = [
    {
      label: 'Connection',
      placeholder: 'All connections',
      data: (connections.data ?? []).map((connection) => ({
        value: connection.id,
        label: `${connection.name} (${platformLabel(connection.platform)})`,
      })),
      value: props.connectionId,
      onChange: props.onConnection,
    },
    {
      label: 'Campaign',
      placeholder: 'All campaigns',
      data: (campaigns.data ?? []).map((campaign) => ({ value: campaign.id, label: campaign.name })),
      value: props.campaignId,
      onChange: props.onCampaign,
    },
    {
      label: 'Status',
      placeholder: 'Any status',
      data: STATUS_OPTIONS,
      value: props.status,
      onChange: (value: string | null) => props.onStatus(value as TargetStatus | null),
    },
  ];
  return filters.map((filter) => (
    <Select key={filter.label} clearable w={{ base: '100%', xs: 200 }} {...filter} />
  ));
}

function Legend() {
  return (
    <Paper withBorder p="xs" radius="md" component="section" aria-label="Legend">
      <Group gap="md" wrap="wrap">
        {Object.entries(PLATFORM_LABELS).map(([platform, label]) => (
          <Group key={platform} gap={6} wrap="nowrap">
            <Box w={12} h={12} bg={platformColor(platform)} style={{ borderRadius: 3 }} aria-hidden />
            <Text size="xs">{label}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          Each post names its platforms and status; only drafts, approved and scheduled posts can be moved.
        </Text>
      </Group>
    </Paper>
  );
}

function PostCalendar({ connectionId, filters }: { connectionId: string | null; filters: PostFilters }) {
  const navigate = useNavigate();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const posts = usePosts({ ...filters, ...range });
  const schedule = useSchedulePost();
  const canMove = !useDeniedReason('write');

  const onDrop = (info: EventDropArg) => {
    const start = info.event.start;
    if (!start) return info.revert();
    schedule.mutate(
      { id: info.event.id, scheduledAt: start.toISOString() },
      {
        onError: (error) => {
          info.revert();
          notifications.show({ color: 'red', title: 'The post was not moved', message: messageOf(error) });
        },
      },
    );
  };
  const onClick = (info: EventClickArg) => {
    info.jsEvent.preventDefault();
    void navigate({ to: '/posts/$postId', params: { postId: info.event.id } });
  };
  const onDates = (info: DatesSetArg) => {
    const next = { from: info.start.toISOString(), to: info.end.toISOString() };
    if (next.from !== range?.from || next.to !== range?.to) setRange(next);
  };

  return (
    <Box className="post-calendar" aria-busy={posts.isFetching}>
      <FullCalendar
        plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
        initialView="dayGridMonth"
        headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek' }}
        // Text buttons: FullCalendar's icon fonts are images without a name.
        buttonIcons={false}
        buttonText={{ prev: '‹ Previous', next: 'Next ›', today: 'Today', month: 'Month', week: 'Week' }}
        // Its day cells are named by the date alone while they show posts too; their content names them.
        dayCellDidMount={(cell) => cell.el.removeAttribute('aria-labelledby')}
        height="auto"
        firstDay={1}
        nowIndicator
        editable={canMove}
        eventDurationEditable={false}
        dayMaxEvents={4}
        eventDisplay="block"
        events={toCalendarEvents(posts.data ?? [], connectionId).map((event) => ({
          ...event,
          url: `/posts/${event.id}`,
        }))}
        eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        eventDrop={onDrop}
        eventClick={onClick}
        datesSet={onDates}
      />
      {posts.isError && (
        <Text c="red.9" size="sm" role="alert" mt="xs">
          Could not load posts: {messageOf(posts.error)}
        </Text>
      )}
    </Box>
  );
}

function Queue({ connectionId, filters }: { connectionId: string | null; filters: PostFilters }) {
  const [from] = useState(() => dayjs().startOf('day').toISOString());
  const posts = usePosts({ ...filters, from: filters.status === 'published' ? undefined : from });
  return (
    <QueryState query={posts} label="posts">
      {(list) => {
        const shown = list
          .filter(
            (post) =>
              connectionId === null || post.targets.some((target) => target.connectionId === connectionId),
          )
          .sort((a, b) => (postTime(a) ?? '9').localeCompare(postTime(b) ?? '9'));
        if (shown.length === 0) {
          return (
            <EmptyState
              title="Nothing in the queue"
              actions={
                <Button component={Link} to="/compose">
                  Compose a post
                </Button>
              }
            >
              Scheduled posts from today on show here. Compose one, or clear the filters.
            </EmptyState>
          );
        }
        return (
          <Stack
            gap="sm"
            component="ol"
            aria-label="Queue"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {shown.map((post) => (
              <QueueItem key={post.id} post={post} />
            ))}
          </Stack>
        );
      }}
    </QueryState>
  );
}

function QueueItem({ post }: { post: Post }) {
  const time = postTime(post);
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Title order={2} size="h6">
          {time ? dayjs(time).format('ddd D MMM, HH:mm') : 'Not scheduled'}
        </Title>
        <Badge color={statusColor(post.status)}>{statusLabel(post.status)}</Badge>
      </Group>
      <Group gap={6} my={6}>
        {platformsOf(post).map((platform) => (
          <Badge key={platform} variant="outline" color="dark" size="sm">
            {platformLabel(platform)}
          </Badge>
        ))}
      </Group>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {snippet(post, 140) || 'No text'}
      </Text>
      <Anchor
        size="sm"
        renderRoot={(props) => <Link {...props} to="/posts/$postId" params={{ postId: post.id }} />}
      >
        Open post<span className="visually-hidden">: {snippet(post, 40)}</span>
      </Anchor>
    </Paper>
  );
}
