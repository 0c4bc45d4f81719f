import { Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Schema } from '../lib/api/types';
import { formatCount, formatPercent } from '../lib/format';

type Experiment = Schema<'ExperimentView'>;

const VERDICTS: Record<Experiment['verdict'], { label: string; color: string }> = {
  winner: { label: 'Winner found', color: 'teal.9' },
  no_difference: { label: 'No clear difference', color: 'gray.8' },
  inconclusive: { label: 'Not enough data yet', color: 'yellow.9' },
};

/** One caption A/B test: its verdict, and each variant's chance of being best with the rate it compares. */
export function ExperimentResult({ experiment, heading }: { experiment: Experiment; heading: ReactNode }) {
  const verdict = VERDICTS[experiment.verdict];
  const rate = experiment.metric === 'ctr' ? 'click-through rate' : 'conversion rate';
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        {heading}
        <Badge color={verdict.color} variant="filled">
          {verdict.label}
          {experiment.winner ? `: ${experiment.winner}` : ''}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        Compares {rate}; each variant needs {formatCount(experiment.minimumSample)}{' '}
        {experiment.metric === 'ctr' ? 'impressions' : 'clicks'} before a verdict.
      </Text>
      <Stack gap={6}>
        {experiment.variants.map((variant) => {
          const value = experiment.metric === 'ctr' ? variant.ctr : variant.conversionRate;
          const chance = formatPercent(variant.probabilityToBeBest);
          return (
            <div key={variant.variant}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text size="sm" fw={500}>
                  Variant {variant.variant}
                </Text>
                <Text size="sm">
                  {chance} chance of being best · {formatCount(variant.clicks)} clicks ·{' '}
                  {value === null ? `no ${rate}` : `${formatPercent(value)} ${rate}`}
                </Text>
              </Group>
              <Progress
                value={variant.probabilityToBeBest * 100}
                aria-label={`Variant ${variant.variant}: ${chance} chance of being best`}
                size="md"
              />
            </div>
          );
        })}
      </Stack>
    </Paper>
  );
}
