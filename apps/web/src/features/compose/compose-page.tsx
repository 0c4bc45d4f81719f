import '@mantine/dates/styles.css';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useMemo, useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { useDeniedReason } from '../../lib/me';
import { copyPlatformOf } from '../../lib/post-preview';
import { platformLabel } from '../../lib/post-status';
import { type Connection, useConnections, useCreatePost } from '../../lib/posts';
import { type CopyMode, useGenerateCopy, useProductMedia, useProductSearch, useProductVideos } from './api';
import { type ComposeValues, emptyTarget, formErrorsOf, toCreatePost } from './compose-form';
import { mediaChoices } from './media-choices';
import { isPast, nextHourIn } from '../../lib/zoned-time';
import { TargetEditor } from './target-editor';

export function ComposePage() {
  const connections = useConnections();
  return (
    <>
      <PageHeader
        title="Compose"
        description="Pick a product and where to post it, write or generate the copy, check each preview, then publish or schedule."
      />
      <QueryState query={connections} label="connections">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title="Connect an account first"
              actions={
                <Button component={Link} to="/connections">
                  Add a connection
                </Button>
              }
            >
              Posts go to your connected accounts: X, Pinterest, Facebook, Instagram, TikTok, a webhook
              (Zapier, Make, n8n) or a manual bundle you post yourself.
            </EmptyState>
          ) : (
            <ComposeForm connections={list} />
          )
        }
      </QueryState>
    </>
  );
}

function ComposeForm({ connections }: { connections: Connection[] }) {
  const navigate = useNavigate();
  const createPost = useCreatePost();
  const deniedReason = useDeniedReason('write');
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ComposeValues>({
    // An edit after a refused save starts afresh; the marks at the fields stay until their own edit.
    onValuesChange: () => setFailure(null),
    initialValues: {
      productId: null,
      connectionIds: [],
      targets: {},
      when: 'now',
      scheduledAt: null,
      requireReview: false,
      tracking: true,
    },
    validate: {
      connectionIds: (ids) => (ids.length === 0 ? 'Choose at least one account to post to' : null),
      scheduledAt: (value, values) =>
        values.when !== 'later' ? null : !value ? 'Choose when to publish' : null,
    },
  });
  const chosen = form.values.connectionIds
    .map((id) => connections.find((connection) => connection.id === id))
    .filter((connection): connection is Connection => connection !== undefined);
  // Times are written in the first chosen account's zone; each account then publishes at that same instant.
  const zoneOwner = chosen[0] ?? connections[0]!;
  const zone = zoneOwner.timezone;

  const media = useProductMedia(form.values.productId);
  const videos = useProductVideos(form.values.productId);
  const choices = useMemo(() => mediaChoices(media.data ?? [], videos.data ?? []), [media.data, videos.data]);

  const setConnections = (ids: string[]) => {
    form.setFieldValue('connectionIds', ids);
    for (const id of ids) {
      if (!form.values.targets[id]) form.setFieldValue(`targets.${id}`, emptyTarget());
    }
  };

  const submit = form.onSubmit((values) => {
    setFailure(null);
    createPost.mutate(toCreatePost(values, zone), {
      onSuccess: (post) => void navigate({ to: '/posts/$postId', params: { postId: post.id } }),
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        if (Object.keys(fields).length === 0) return setFailure(messageOf(error));
        form.setErrors(formErrorsOf(fields, values.connectionIds));
        setFailure('Fix what is marked in red, then try again.');
      },
    });
  });
  const isWaiting =
    form.values.when === 'later' && form.values.scheduledAt && isPast(form.values.scheduledAt, zone);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Step title="1. Product and accounts">
          <ProductPicker form={form} disabled={!!deniedReason} />
          <Checkbox.Group
            label="Post to"
            description="One preview per account below; each can have its own text and media."
            required
            value={form.values.connectionIds}
            onChange={setConnections}
            error={form.errors.connectionIds}
          >
            <Group gap="md" mt="xs">
              {connections.map((connection) => (
                <Checkbox
                  key={connection.id}
                  value={connection.id}
                  disabled={!!deniedReason || connection.status !== 'active'}
                  label={`${connection.name} (${platformLabel(connection.platform)})`}
                  description={connection.status !== 'active' ? 'Needs to be reconnected' : undefined}
                />
              ))}
            </Group>
          </Checkbox.Group>
        </Step>

        <Step title="2. Copy">
          <CopyGenerator form={form} chosen={chosen} />
          <Checkbox
            label="Track links"
            description="The product's link (or the first link of a text) is published as a short link that counts clicks and sales for this post."
            disabled={!!deniedReason}
            {...form.getInputProps('tracking', { type: 'checkbox' })}
          />
          {chosen.length === 0 ? (
            <Text size="sm" c="dimmed">
              Choose an account above to write its post.
            </Text>
          ) : (
            chosen.map((connection) => (
              <TargetEditor
                key={connection.id}
                connection={connection}
                form={form}
                choices={choices}
                disabled={!!deniedReason}
              />
            ))
          )}
        </Step>

        <Step title="3. When">
          <Radio.Group
            label="When"
            {...form.getInputProps('when')}
            onChange={(when) => {
              form.setFieldValue('when', when as ComposeValues['when']);
              if (when === 'later' && !form.values.scheduledAt)
                form.setFieldValue('scheduledAt', nextHourIn(zone));
            }}
          >
            <Group gap="lg" mt="xs">
              <Radio value="now" label="Publish now" disabled={!!deniedReason} />
              <Radio value="later" label="Schedule" disabled={!!deniedReason} />
              <Radio value="draft" label="Save as draft" disabled={!!deniedReason} />
            </Group>
          </Radio.Group>
          {form.values.when === 'later' && (
            <DateTimePicker
              label="Publish at"
              description={`In ${zone}, the time zone of ${zoneOwner.name}.`}
              placeholder="Pick a date and time"
              valueFormat="D MMM YYYY, HH:mm"
              required
              clearable
              maw={320}
              timePickerProps={{ 'aria-label': 'Time' }}
              {...form.getInputProps('scheduledAt')}
              onChange={(value) => form.setFieldValue('scheduledAt', value)}
            />
          )}
          {isWaiting && (
            <Text size="sm" c="dimmed">
              That time has passed: the post goes out as soon as it is saved.
            </Text>
          )}
          <Checkbox
            label="Ask for review before it goes out"
            description="An owner, admin or editor approves it on the Review page first."
            disabled={!!deniedReason}
            {...form.getInputProps('requireReview', { type: 'checkbox' })}
          />
        </Step>

        {failure && (
          <Alert color="red" title="The post was not saved" role="alert">
            {failure}
          </Alert>
        )}
        <Group>
          <GuardedButton requires="write" type="submit" loading={createPost.isPending}>
            {form.values.when === 'now'
              ? 'Publish now'
              : form.values.when === 'later'
                ? 'Schedule post'
                : 'Save draft'}
          </GuardedButton>
          <Text size="sm" c="dimmed">
            Posts show on the{' '}
            <Anchor component={Link} to="/calendar">
              calendar
            </Anchor>
            .
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

function Step({ title, children }: { title: string; children: ReactNode }) {
  const id = `step-${title.slice(0, 1)}`;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

function ProductPicker({ form, disabled }: { form: UseFormReturnType<ComposeValues>; disabled: boolean }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const products = useProductSearch(debounced);
  const data = (products.data?.items ?? []).map((product) => ({ value: product.id, label: product.title }));
  return (
    <Select
      label="Product"
      description="Optional: its photos, videos and details feed the copy and media."
      placeholder="Search your products"
      searchable
      clearable
      disabled={disabled}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      nothingFoundMessage={products.isFetching ? 'Searching…' : 'No product matches'}
      maw={480}
      value={form.values.productId}
      onChange={(productId) => {
        form.setFieldValue('productId', productId);
        for (const id of form.values.connectionIds) form.setFieldValue(`targets.${id}.mediaIds`, []);
      }}
    />
  );
}

function CopyGenerator({ form, chosen }: { form: UseFormReturnType<ComposeValues>; chosen: Connection[] }) {
  const generate = useGenerateCopy();
  const [mode, setMode] = useState<CopyMode>('auto');
  const productId = form.values.productId;
  const run = () => {
    if (!productId) return;
    const platforms = [...new Set(chosen.map((connection) => copyPlatformOf(connection.platform)))];
    generate.mutate(
      { productId, platforms, mode },
      {
        onSuccess: (copy) => {
          for (const connection of chosen) {
            const item = copy.items.find(
              (candidate) =>
                candidate.platform === copyPlatformOf(connection.platform) && candidate.variant === 1,
            );
            if (!item) continue;
            form.setFieldValue(`targets.${connection.id}.text`, item.text);
            form.setFieldValue(`targets.${connection.id}.title`, item.title ?? '');
          }
        },
      },
    );
  };
  const reason = !productId
    ? 'Choose a product to generate copy from it, or write your own below.'
    : chosen.length === 0
      ? 'Choose an account to generate its copy.'
      : null;
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <Radio.Group label="Writer" value={mode} onChange={(value) => setMode(value as CopyMode)}>
        <Group gap="md" mt="xs">
          <Radio value="auto" label="AI if set up, else templates" />
          <Radio value="ai" label="AI" />
          <Radio value="template" label="Templates" />
        </Group>
      </Radio.Group>
      <GuardedButton
        requires="write"
        variant="default"
        loading={generate.isPending}
        disabled={reason !== null}
        onClick={run}
      >
        Generate copy
      </GuardedButton>
      {reason && (
        <Text size="sm" c="dimmed">
          {reason}
        </Text>
      )}
    </Group>
  );
}
