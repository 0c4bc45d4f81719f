import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ExperimentResult } from '../../components/experiment-result';
import { GuardedButton } from '../../components/guarded-button';
import { QueryState } from '../../components/query-state';
import { formatCount } from '../../lib/format';
import { type Campaign, useCampaignExperiment, useUndoWinner } from './api';
import { formatInZone } from './schedule';

type Winner = NonNullable<Campaign['winner']>;

/**
 * The campaign's variants compared across its posts, and its winner: which variant the bank posts alone since
 * when and why (with an undo), or what it waits for before naming one.
 */
export function WinnerPanel({ campaign }: { campaign: Campaign }) {
  const experiment = useCampaignExperiment(campaign);
  const winner = campaign.winner;
  const isHolding = winner !== null && winner.undoneAt === null;
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby="winner-title">
      <Title order={2} size="h4" id="winner-title" mb="sm">
        Variants and winner
      </Title>
      <Stack gap="sm">
        {isHolding ? (
          <HoldingWinner campaign={campaign} winner={winner} />
        ) : (
          <Text size="sm">{waitingNote(campaign)}</Text>
        )}
        {winner?.undoneAt && (
          <Text size="sm" c="dimmed">
            Variant {winner.variant} was named on {at(campaign, winner.decidedAt)} and undone on{' '}
            {at(campaign, winner.undoneAt)}
            {winner.undoReason === 'Undone' ? '.' : ` (${winner.undoReason?.toLowerCase()}).`}
          </Text>
        )}
        <QueryState query={experiment} label="the variants' results">
          {(result) =>
            result ? (
              <ExperimentResult
                experiment={result}
                heading={
                  <Text size="sm" fw={500}>
                    Across the campaign&apos;s posts
                  </Text>
                }
              />
            ) : (
              <Text size="sm" c="dimmed">
                No results to compare yet: they appear once posts of two variants have tracked links.
              </Text>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}

function HoldingWinner({ campaign, winner }: { campaign: Campaign; winner: Winner }) {
  const undo = useUndoWinner(campaign.id);
  const [isConfirming, setConfirming] = useState(false);
  return (
    <Alert
      color="teal.9"
      variant="outline"
      title={`Posting variant ${winner.variant} only, since ${at(campaign, winner.decidedAt)}`}
    >
      <Stack gap="xs">
        <Text size="sm">{winner.reason}.</Text>
        <Group>
          <GuardedButton requires="write" variant="default" size="xs" onClick={() => setConfirming(true)}>
            Undo the winner
          </GuardedButton>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title="Go back to rotating every variant?"
        confirmLabel="Undo the winner"
        isPending={undo.isPending}
        onConfirm={() => undo.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      >
        The bank rotates all its templates again from the next slot: the posts of variant {winner.variant}{' '}
        placed since it won and not yet out give way. Picking a winner by itself is turned off; turn it on in
        the bank to let the campaign pick again.
      </ConfirmDialog>
    </Alert>
  );
}

/** What the campaign does about a winner while none holds. */
function waitingNote(campaign: Campaign): string {
  if (campaign.templates.length < 2) return 'Give the bank two or more templates to compare them.';
  const gate = campaign.autoWinner?.minTrialsPerVariant;
  if (gate === undefined)
    return 'The bank rotates every template. Turn on "Pick the winner by itself" in the bank to have the campaign post the best one alone once the results are clear.';
  return `The campaign picks its winner by itself once a variant is best with 95 % probability and every variant has ${formatCount(gate)} impressions (or clicks, when a platform reports no impressions).`;
}

function at(campaign: Campaign, iso: string): string {
  return formatInZone(iso, campaign.schedule.timezone);
}
