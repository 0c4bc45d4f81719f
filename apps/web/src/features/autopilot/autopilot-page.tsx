import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, useState } from 'react';
import { AnchorLink } from '../../components/anchor-link';
import { ConfirmDelete } from '../../components/confirm-delete';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { STATUS_COLORS } from '../../lib/post-status';
import {
  type Rule,
  type Run,
  useCampaignChoices,
  useDeleteRule,
  useRuleRuns,
  useRules,
  useSetRuleEnabled,
} from './api';
import { describeFilter } from './rule-filter';
import { RuleForm } from './rule-form';

/** Colours that carry white text at AA contrast, the post states' own where they mean the same. */
const OUTCOMES: Record<Run['outcome'], { label: string; color: string }> = {
  scheduled: { label: 'Scheduled', color: STATUS_COLORS.scheduled },
  awaiting_review: { label: 'Waiting for review', color: STATUS_COLORS.needs_review },
  skipped: { label: 'Skipped', color: STATUS_COLORS.failed },
  not_matched: { label: 'Did not match', color: STATUS_COLORS.draft },
};

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function AutopilotPage() {
  const rules = useRules();
  const [creating, createDialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="Autopilot"
        description="Rules that post new products for you: when a created or imported product matches a rule, Shopcast writes its copy and puts a post in the rule's campaign."
        actions={
          <GuardedButton requires="write" onClick={createDialog.open}>
            New rule
          </GuardedButton>
        }
      />
      <QueryState query={rules} label="autopilot rules">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title="No rules yet"
              actions={
                <GuardedButton requires="write" onClick={createDialog.open}>
                  Create a rule
                </GuardedButton>
              }
            >
              Choose which products (tags, category, price, margin, commission), a campaign and its
              connections; each matching product then gets one post in the campaign's next free slot.
            </EmptyState>
          ) : (
            <Stack gap="sm">
              {list.map((rule) => (
                <RuleCard key={rule.id} rule={rule} />
              ))}
            </Stack>
          )
        }
      </QueryState>
      <Modal opened={creating} onClose={createDialog.close} title="New autopilot rule" size="lg">
        <RuleForm onSaved={createDialog.close} />
      </Modal>
    </>
  );
}

function RuleCard({ rule }: { rule: Rule }) {
  const [editing, editDialog] = useDisclosure(false);
  const [showsActivity, setShowsActivity] = useState(false);
  const activityId = useId();
  const campaigns = useCampaignChoices();
  const setEnabled = useSetRuleEnabled();
  const remove = useDeleteRule();
  const campaign = campaigns.data?.find((candidate) => candidate.id === rule.campaignId);
  const { counts } = rule;
  return (
    <Paper withBorder p="md" radius="md" component="article">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Group gap="xs">
            <Title order={2} size="h5" style={{ overflowWrap: 'anywhere' }}>
              {rule.name}
            </Title>
            <Badge color={rule.enabled ? STATUS_COLORS.published : STATUS_COLORS.draft}>
              {rule.enabled ? 'On' : 'Paused'}
            </Badge>
            {rule.requireReview && (
              <Badge color="dark" variant="outline">
                Review first
              </Badge>
            )}
          </Group>
          <Text size="sm">{describeFilter(rule.filter)}</Text>
          <Text size="sm" c="dimmed">
            Posts to{' '}
            {campaign ? (
              <AnchorLink to="/campaigns/$campaignId" params={{ campaignId: campaign.id }}>
                {campaign.name}
              </AnchorLink>
            ) : (
              'a deleted campaign'
            )}{' '}
            on {rule.connectionIds.length} connection{rule.connectionIds.length === 1 ? '' : 's'},{' '}
            {rule.copy.tone} copy
          </Text>
          <Text size="sm">
            {counts.scheduled} scheduled · {counts.awaitingReview} waiting for review · {counts.skipped}{' '}
            skipped · {counts.notMatched} did not match
            {rule.lastRunAt && ` · last ${when(rule.lastRunAt)}`}
          </Text>
        </Stack>
        <Group gap="xs">
          <GuardedButton
            requires="write"
            size="xs"
            variant="default"
            loading={setEnabled.isPending}
            onClick={() => setEnabled.mutate({ id: rule.id, enabled: !rule.enabled })}
            aria-label={`${rule.enabled ? 'Pause' : 'Resume'} ${rule.name}`}
          >
            {rule.enabled ? 'Pause' : 'Resume'}
          </GuardedButton>
          <GuardedButton
            requires="write"
            size="xs"
            variant="default"
            onClick={editDialog.open}
            aria-label={`Edit ${rule.name}`}
          >
            Edit
          </GuardedButton>
          <ConfirmDelete
            label={`Delete ${rule.name}`}
            title={`Delete ${rule.name}?`}
            isPending={remove.isPending}
            onConfirm={(close) => remove.mutate(rule.id, { onSuccess: close })}
          >
            The rule and its activity go; the posts it made stay as they are.
          </ConfirmDelete>
        </Group>
      </Group>
      <Button
        variant="default"
        size="xs"
        mt="xs"
        aria-expanded={showsActivity}
        aria-controls={activityId}
        onClick={() => setShowsActivity((shown) => !shown)}
      >
        {showsActivity ? 'Hide activity' : 'Show activity'}
      </Button>
      <div id={activityId}>{showsActivity && <RuleActivity rule={rule} />}</div>
      <Modal opened={editing} onClose={editDialog.close} title={`Edit ${rule.name}`} size="lg">
        <RuleForm rule={rule} onSaved={editDialog.close} />
      </Modal>
    </Paper>
  );
}

function RuleActivity({ rule }: { rule: Rule }) {
  const runs = useRuleRuns(rule.id);
  return (
    <QueryState query={runs} label="the rule's activity">
      {({ items }) =>
        items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing yet: the rule looks at products as they are created or imported.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Caption>What {rule.name} did with its latest products, newest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Product</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Details</Table.Th>
                  <Table.Th>When</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((run) => (
                  <RunRow key={run.id} run={run} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  );
}

function RunRow({ run }: { run: Run }) {
  const outcome = OUTCOMES[run.outcome];
  return (
    <Table.Tr>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <AnchorLink to="/products/$productId" params={{ productId: run.productId }}>
          {run.productTitle ?? 'Product'}
        </AnchorLink>
      </Table.Td>
      <Table.Td>
        <Badge color={outcome.color}>{outcome.label}</Badge>
      </Table.Td>
      <Table.Td>
        {run.postId ? (
          <AnchorLink to="/posts/$postId" params={{ postId: run.postId }}>
            {run.scheduledAt ? `Post at ${when(run.scheduledAt)}` : 'Post to review'}
          </AnchorLink>
        ) : (
          run.reason
        )}
      </Table.Td>
      <Table.Td>{when(run.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}
