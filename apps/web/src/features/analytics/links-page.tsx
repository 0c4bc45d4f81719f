import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Collapse,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { ApiError } from '../../lib/api/api-error';
import { useDeniedReason } from '../../lib/me';
import {
  type BreakdownRow,
  type CreateLink,
  type TrackedLink,
  useCreateLink,
  useDeleteLink,
  useLinkClicks,
  useLinks,
  useSetLinkDisabled,
} from './api';
import { formatCount } from './kpis';
import { ScrollTable } from './scroll-table';

export function LinksPage() {
  const links = useLinks();
  return (
    <>
      <PageHeader
        title="Links"
        description="Short links that count clicks and pass UTM tags and a click id to your shop, so sales find their post."
      />
      <Stack gap="lg">
        <CreateLinkForm />
        <QueryState query={links} label="links">
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No tracked links yet">
                Create one above with the address of your product page, then share its short link in a post:
                each visit is counted here and in Analytics.
              </EmptyState>
            ) : (
              <LinksTable links={list} />
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}

interface LinkFormValues {
  url: string;
  alias: string;
  platform: string;
  source: string;
  medium: string;
  campaign: string;
}

/** Only what the person typed: empty optional fields are left for the server to fill. */
function toCreateLink(values: LinkFormValues): CreateLink {
  const trimmed = (value: string) => value.trim() || undefined;
  const utm = {
    source: trimmed(values.source),
    medium: trimmed(values.medium),
    campaign: trimmed(values.campaign),
  };
  const hasUtm = Object.values(utm).some((value) => value !== undefined);
  return {
    url: values.url.trim(),
    alias: trimmed(values.alias),
    platform: trimmed(values.platform),
    utm: hasUtm ? utm : undefined,
  };
}

function CreateLinkForm() {
  const createLink = useCreateLink();
  const deniedReason = useDeniedReason('write');
  const [showsUtm, utm] = useDisclosure(false);
  const form = useForm<LinkFormValues>({
    initialValues: { url: '', alias: '', platform: '', source: '', medium: '', campaign: '' },
    validate: { url: (value) => (value.trim() ? null : 'Enter the address people should land on') },
  });
  const submit = form.onSubmit((values) =>
    createLink.mutate(toCreateLink(values), {
      onSuccess: () => form.reset(),
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        const byForm = Object.fromEntries(
          Object.entries(fields).map(([field, message]) => [field.replace(/^utm\./, ''), message]),
        );
        form.setErrors(Object.keys(byForm).length > 0 ? byForm : { url: error.message });
      },
    }),
  );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="create-link-title">
      <Title order={2} size="h4" id="create-link-title" mb="sm">
        Create a tracked link
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Destination URL"
              placeholder="https://yourshop.com/products/lamp"
              type="url"
              required
              disabled={!!deniedReason}
              {...form.getInputProps('url')}
            />
            <TextInput
              label="Alias"
              description="Optional: your own code, e.g. summer-lamp"
              disabled={!!deniedReason}
              {...form.getInputProps('alias')}
            />
            <TextInput
              label="Platform"
              description="Optional: where you share it, e.g. instagram"
              disabled={!!deniedReason}
              {...form.getInputProps('platform')}
            />
          </SimpleGrid>
          <Collapse expanded={showsUtm}>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput label="UTM source" disabled={!!deniedReason} {...form.getInputProps('source')} />
              <TextInput label="UTM medium" disabled={!!deniedReason} {...form.getInputProps('medium')} />
              <TextInput label="UTM campaign" disabled={!!deniedReason} {...form.getInputProps('campaign')} />
            </SimpleGrid>
          </Collapse>
          <Group gap="sm">
            <GuardedButton requires="write" type="submit" loading={createLink.isPending}>
              Create link
            </GuardedButton>
            <Button variant="subtle" onClick={utm.toggle} aria-expanded={showsUtm}>
              {showsUtm ? 'Hide UTM tags' : 'Set UTM tags'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function LinksTable({ links }: { links: TrackedLink[] }) {
  const clicks = useLinkClicks();
  const [deleting, setDeleting] = useState<TrackedLink | null>(null);
  const parts = (link: TrackedLink) => ({
    link,
    counts: clicks.data?.get(link.id),
    isCounting: clicks.isPending,
    onDelete: () => setDeleting(link),
  });
  return (
    <>
      <Box visibleFrom="sm">
        <ScrollTable minWidth={760} label="Tracked links, scrolls sideways">
          <Table striped aria-label="Tracked links" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Short link</Table.Th>
                <Table.Th>Destination</Table.Th>
                <Table.Th ta="right">Clicks (30 days)</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {links.map((link) => (
                <LinkRow key={link.id} {...parts(link)} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Box>
      {/* Phones get one card per link: every figure and action without scrolling sideways. */}
      <Stack
        hiddenFrom="sm"
        gap="sm"
        component="ul"
        aria-label="Tracked links"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {links.map((link) => (
          <LinkCard key={link.id} {...parts(link)} />
        ))}
      </Stack>
      <DeleteLinkModal link={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

interface LinkParts {
  link: TrackedLink;
  counts?: BreakdownRow;
  isCounting: boolean;
  onDelete: () => void;
}

function LinkRow(parts: LinkParts) {
  return (
    <Table.Tr>
      <Table.Td>
        <ShortLink link={parts.link} />
      </Table.Td>
      <Table.Td maw={320}>
        <Destination link={parts.link} />
      </Table.Td>
      <Table.Td ta="right">
        <Clicks {...parts} />
      </Table.Td>
      <Table.Td>
        <LinkStatus link={parts.link} />
      </Table.Td>
      <Table.Td>
        <LinkActions {...parts} />
      </Table.Td>
    </Table.Tr>
  );
}

function LinkCard(parts: LinkParts) {
  return (
    <Paper withBorder p="sm" radius="md" component="li">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <ShortLink link={parts.link} />
        <LinkStatus link={parts.link} />
      </Group>
      <Box my="xs">
        <Destination link={parts.link} />
      </Box>
      <Group justify="space-between" align="center" gap="xs">
        <Text size="sm">
          <Clicks {...parts} /> {parts.counts?.clicks === 1 ? 'click' : 'clicks'} in 30 days
        </Text>
        <LinkActions {...parts} />
      </Group>
    </Paper>
  );
}

function ShortLink({ link }: { link: TrackedLink }) {
  return (
    <div>
      <Group gap={4} wrap="nowrap">
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          /l/{link.code}
        </Text>
        <CopyButton value={link.shortUrl}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy the short link'} withArrow>
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal.9' : 'gray.8'}
                onClick={copy}
                aria-label={copied ? `Copied /l/${link.code}` : `Copy short link /l/${link.code}`}
              >
                <CopyIcon copied={copied} />
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed">
        Created {dayjs(link.createdAt).format('D MMM YYYY')}
        {link.platform ? ` · ${link.platform}` : ''}
      </Text>
    </div>
  );
}

function Destination({ link }: { link: TrackedLink }) {
  return (
    <>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {link.url}
      </Text>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        utm_source={link.utm.source} · utm_medium={link.utm.medium} · utm_campaign={link.utm.campaign}
      </Text>
    </>
  );
}

function Clicks({ counts, isCounting }: LinkParts) {
  return (
    <>
      {isCounting ? '…' : formatCount(counts?.clicks ?? 0)}
      {counts && counts.uniqueClicks !== counts.clicks && (
        <Text size="xs" c="dimmed" span display="block">
          {formatCount(counts.uniqueClicks)} unique
        </Text>
      )}
    </>
  );
}

function LinkStatus({ link }: { link: TrackedLink }) {
  return link.isDisabled ? (
    <Badge color="gray.8" variant="filled">
      Off
    </Badge>
  ) : (
    <Badge color="teal.9" variant="filled">
      Live
    </Badge>
  );
}

function LinkActions({ link, onDelete }: LinkParts) {
  const setDisabled = useSetLinkDisabled();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <GuardedButton
        requires="write"
        size="xs"
        variant="default"
        aria-label={`${link.isDisabled ? 'Turn on' : 'Turn off'} /l/${link.code}`}
        loading={setDisabled.isPending}
        onClick={() => setDisabled.mutate({ id: link.id, isDisabled: !link.isDisabled })}
      >
        {link.isDisabled ? 'Turn on' : 'Turn off'}
      </GuardedButton>
      <GuardedButton
        requires="write"
        size="xs"
        variant="subtle"
        color="red"
        aria-label={`Delete /l/${link.code}`}
        onClick={onDelete}
      >
        Delete
      </GuardedButton>
    </Group>
  );
}

function DeleteLinkModal({ link, onClose }: { link: TrackedLink | null; onClose: () => void }) {
  const deleteLink = useDeleteLink();
  return (
    <ConfirmDialog
      opened={link !== null}
      title="Delete this link?"
      confirmLabel="Delete link"
      isPending={deleteLink.isPending}
      onConfirm={() => link && deleteLink.mutate(link.id, { onSuccess: onClose })}
      onClose={onClose}
    >
      /l/{link?.code} will stop working for anyone who has it. Its clicks and sales stay in your reports.
    </ConfirmDialog>
  );
}

function CopyIcon({ copied }: { copied: boolean }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      {copied ? (
        <path d="M5 12l5 5L20 7" />
      ) : (
        <>
          <rect x="9" y="9" width="11" height="11" rx="2" />
          <path d="M5 15V5a2 2 0 0 1 2-2h10" />
        </>
      )}
    </svg>
  );
}
