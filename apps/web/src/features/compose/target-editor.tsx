import {
  Badge,
  Checkbox,
  Group,
  Image,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { PostPreviewCard, type PreviewMedia } from '../../components/post-preview-card';
import type { Connection } from '../../lib/posts';
import { platformLabel } from '../../lib/post-status';
import { previewTarget } from '../../lib/post-preview';
import { type ComposeValues, emptyTarget } from './compose-form';
import type { MediaChoice } from './media-choices';

interface TargetProps {
  connection: Connection;
  form: UseFormReturnType<ComposeValues>;
  /** The product's photos and videos this target may carry. */
  choices: MediaChoice[];
  disabled: boolean;
}

/**
 * One target of the post: its text, title, variant label and media, the live counters and rule checks, and its
 * preview.
 */
export function TargetEditor({ connection, form, choices, disabled }: TargetProps) {
  const path = `targets.${connection.id}`;
  const target = form.getValues().targets[connection.id] ?? emptyTarget();
  const chosen = choices.filter((choice) => target.mediaIds.includes(choice.id));
  const preview = previewTarget(connection.platform, {
    text: target.text,
    title: target.title,
    hasMedia: chosen.length > 0,
  });
  const hasTitle = preview.rules?.title !== undefined;
  const textViolations = preview.violations.filter((violation) => violation.field === 'text');
  const titleViolations = preview.violations.filter((violation) => violation.field === 'title');
  const serverError = form.errors[`${path}.text`];
  const headingId = `target-${connection.id}`;
  const media: PreviewMedia[] = chosen.map((choice) => ({
    url: choice.previewUrl(connection.platform),
    kind: choice.kind,
  }));

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {connection.name}
        </Title>
        <Badge color="dark" variant="outline">
          {platformLabel(connection.platform)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <Stack gap="sm">
          {hasTitle && (
            <TextInput
              label={`Title for ${connection.name}`}
              disabled={disabled}
              {...form.getInputProps(`${path}.title`)}
              error={titleViolations.map((violation) => violation.message).join('; ') || undefined}
            />
          )}
          <Textarea
            label={`Text for ${connection.name}`}
            autosize
            minRows={5}
            maxRows={14}
            disabled={disabled}
            {...form.getInputProps(`${path}.text`)}
            error={serverError ?? (textViolations.length > 0 ? textViolations[0]!.message : undefined)}
          />
          <Group gap="md" aria-live="polite" aria-label={`Counters for ${connection.name}`} role="group">
            {preview.counters.map((counter) => (
              <Text
                key={counter.label}
                size="sm"
                c={counter.isOver ? 'red.9' : 'dimmed'}
                fw={counter.isOver ? 700 : 400}
              >
                {counter.label}: {counter.value}
                {counter.limit !== null && ` / ${counter.limit}`}
                {counter.isOver && ' (over the limit)'}
              </Text>
            ))}
          </Group>
          {preview.violations.length > 1 && (
            <List size="sm" c="red.9" aria-label={`Rules broken for ${connection.name}`}>
              {preview.violations.map((violation) => (
                <List.Item key={violation.rule + violation.message}>{violation.message}</List.Item>
              ))}
            </List>
          )}
          <TextInput
            label={`Variant label for ${connection.name}`}
            description="Optional, e.g. A or B: a post whose accounts carry two or more labels is compared as an experiment."
            maxLength={50}
            maw={240}
            disabled={disabled}
            {...form.getInputProps(`${path}.variant`)}
          />
          <MediaPicker connection={connection} form={form} choices={choices} disabled={disabled} />
        </Stack>
        <PostPreviewCard
          platform={connection.platform}
          accountName={connection.accountName ?? connection.name}
          text={target.text}
          title={hasTitle ? target.title : null}
          media={media}
          overflowAt={preview.overflowAt}
        />
      </SimpleGrid>
    </Paper>
  );
}

function MediaPicker({ connection, form, choices, disabled }: TargetProps) {
  if (choices.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This product has no photos or videos yet: the post goes out as text.
      </Text>
    );
  }
  return (
    <Checkbox.Group
      label={`Media for ${connection.name}`}
      description="The first one chosen leads the post."
      {...form.getInputProps(`targets.${connection.id}.mediaIds`)}
    >
      <Group gap="sm" mt="xs">
        {choices.map((choice) => (
          <Checkbox
            key={choice.id}
            value={choice.id}
            disabled={disabled}
            aria-label={choice.label}
            label={
              <Group gap={6} wrap="nowrap">
                <Image src={choice.thumbnailUrl} alt="" w={48} h={48} radius="sm" fit="cover" />
                <Text size="sm">{choice.label}</Text>
              </Group>
            }
          />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
