import { AspectRatio, Avatar, Box, Code, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { platformColor, platformLabel } from '../lib/post-status';
import { splitHashtags } from '../lib/post-preview';

export interface PreviewMedia {
  url: string;
  kind: string;
}

/** The frame of each platform's post: media shape, and the words under it. */
const FRAMES: Record<string, { ratio: number; actions: string; mediaFirst: boolean }> = {
  x: { ratio: 16 / 9, actions: 'Reply · Repost · Like', mediaFirst: false },
  facebook: { ratio: 1.91, actions: 'Like · Comment · Share', mediaFirst: false },
  instagram: { ratio: 4 / 5, actions: 'Like · Comment · Send · Save', mediaFirst: true },
  pinterest: { ratio: 2 / 3, actions: 'Save', mediaFirst: true },
  tiktok: { ratio: 9 / 16, actions: 'Like · Comment · Share', mediaFirst: true },
};

/**
 * A post as the platform shows it: the account, the text with its hashtags, the media in the platform's shape;
 * text past the platform's limit is marked. Webhook targets show the JSON they send; manual ones the bundle.
 */
export function PostPreviewCard({
  platform,
  accountName,
  text,
  title,
  media = [],
  overflowAt = null,
}: {
  platform: string;
  accountName: string;
  text: string;
  title?: string | null;
  media?: PreviewMedia[];
  overflowAt?: number | null;
}) {
  const label = `${platformLabel(platform)} preview for ${accountName}`;
  if (platform === 'webhook') {
    return (
      <Paper withBorder p="sm" radius="md" aria-label={label} component="figure" m={0}>
        <Text size="xs" fw={600} mb={4}>
          Webhook: JSON sent to your URL
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {JSON.stringify({ text, media: media.map((item) => item.url) }, null, 2)}
        </Code>
      </Paper>
    );
  }
  const frame = FRAMES[platform];
  const mediaBlock = media[0] && (
    <AspectRatio ratio={frame?.ratio ?? 1} maw={platform === 'tiktok' ? 200 : undefined} mx="auto" w="100%">
      {media[0].kind === 'video' ? (
        <video src={media[0].url} muted controls aria-label="Video of the post" />
      ) : (
        <Image src={media[0].url} alt="" fit="cover" radius="sm" />
      )}
    </AspectRatio>
  );
  return (
    <Paper withBorder p="sm" radius="md" aria-label={label} component="figure" m={0}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Avatar size="sm" radius="xl" color="white" bg={platformColor(platform)} aria-hidden>
            {platformLabel(platform).slice(0, 1)}
          </Avatar>
          <Box style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} truncate>
              {accountName}
            </Text>
            <Text size="xs" c="dimmed">
              {platform === 'manual' ? 'Posted by you, by hand' : platformLabel(platform)}
            </Text>
          </Box>
        </Group>
        {frame?.mediaFirst && mediaBlock}
        {title && (
          <Text fw={700} size="sm">
            {title}
          </Text>
        )}
        <PostText text={text} overflowAt={overflowAt} />
        {!frame?.mediaFirst && mediaBlock}
        {frame && (
          <Text size="xs" c="dimmed" aria-hidden>
            {frame.actions}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function PostText({ text, overflowAt }: { text: string; overflowAt: number | null }) {
  const fits = overflowAt === null ? text : text.slice(0, overflowAt);
  const over = overflowAt === null ? '' : text.slice(overflowAt);
  if (text.trim() === '') {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        No text yet
      </Text>
    );
  }
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {splitHashtags(fits).map((run, index) =>
        run.isHashtag ? (
          <Text span key={index} c="blue.8" fw={500}>
            {run.text}
          </Text>
        ) : (
          run.text
        ),
      )}
      {over && (
        <mark
          title="Past the platform's limit"
          style={{ background: 'var(--mantine-color-red-1)', color: 'var(--mantine-color-red-9)' }}
        >
          <span className="visually-hidden">Past the limit: </span>
          {over}
        </mark>
      )}
    </Text>
  );
}
