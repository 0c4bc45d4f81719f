import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { createLink, Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import {
  type BreakdownDimension,
  type BreakdownRow,
  type CsvExport,
  type Experiment,
  type Summary,
  type TimeseriesMetric,
  useBreakdown,
  useCsvExport,
  useExperiments,
  useSummary,
  useTimeseries,
  useTopProducts,
} from './api';
import {
  browserTimeZone,
  dailyPoints,
  type DayRange,
  describeRange,
  PRESET_DAYS,
  presetOf,
  presetRange,
  type RangeQuery,
  toRangeQuery,
} from './date-range';
import { formatCount, formatMoney, formatPercent, isEmptySummary, kpisOf, toMajor } from './kpis';
import { ScrollTable } from './scroll-table';

/** A router link with the look of an inline Mantine anchor (typed route params). */
const AnchorLink = createLink(Anchor);

const METRICS: { value: TimeseriesMetric; label: string }[] = [
  { value: 'clicks', label: 'Clicks' },
  { value: 'unique_clicks', label: 'Unique clicks' },
  { value: 'orders', label: 'Orders' },
  { value: 'revenue', label: 'Revenue' },
];

const DIMENSIONS: { value: BreakdownDimension; label: string; column: string }[] = [
  { value: 'platform', label: 'Platform', column: 'Platform' },
  { value: 'product', label: 'Product', column: 'Product' },
  { value: 'post', label: 'Post', column: 'Post' },
  { value: 'country', label: 'Country', column: 'Country' },
  { value: 'utm_campaign', label: 'Campaign', column: 'Campaign (utm_campaign)' },
];

export function AnalyticsPage() {
  const [range, setRange] = useState<DayRange>(() => presetRange(30));
  const [metric, setMetric] = useState<TimeseriesMetric>('clicks');
  const [dimension, setDimension] = useState<BreakdownDimension>('platform');
  const query = useMemo(() => toRangeQuery(range, browserTimeZone()), [range]);
  const summary = useSummary(query);
  const isEmpty = summary.data !== undefined && isEmptySummary(summary.data);
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Clicks on your tracked links, the sales they brought, and which caption wins."
        actions={<ExportMenu range={range} query={query} metric={metric} dimension={dimension} />}
      />
      <Stack gap="lg">
        <RangePicker range={range} onChange={setRange} />
        <QueryState query={summary} label="the summary">
          {(data) =>
            isEmpty ? (
              <EmptyState
                title="No clicks or sales in this period yet"
                actions={
                  <Group justify="center">
                    <Button component={Link} to="/links">
                      Create a tracked link
                    </Button>
                    <Button component={Link} to="/compose" variant="default">
                      Compose a post
                    </Button>
                  </Group>
                }
              >
                Results appear when people click your tracked links. Create tracked links and publish posts
                that use them; sales arrive by postback or from your Shopify store. Or pick a longer period
                above.
              </EmptyState>
            ) : (
              <KpiGrid summary={data} />
            )
          }
        </QueryState>
        {!isEmpty && (
          <>
            <TrendCard
              range={range}
              query={query}
              metric={metric}
              onMetricChange={setMetric}
              currency={summary.data?.revenue[0]?.currency}
            />
            <BreakdownCard query={query} dimension={dimension} onDimensionChange={setDimension} />
            <TopProductsCard query={query} />
          </>
        )}
        <ExperimentsCard />
      </Stack>
    </>
  );
}

function RangePicker({ range, onChange }: { range: DayRange; onChange: (range: DayRange) => void }) {
  const preset = presetOf(range);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <DatePickerInput
        type="range"
        label="Period"
        value={range}
        onChange={([first, last]) => first && last && onChange([first, last])}
        maxDate={new Date()}
        allowSingleDateInRange
        valueFormat="D MMM YYYY"
        w={{ base: '100%', xs: 260 }}
      />
      <Group gap={6} role="group" aria-label="Quick periods">
        {PRESET_DAYS.map((days) => (
          <Button
            key={days}
            size="sm"
            variant={preset === days ? 'filled' : 'default'}
            aria-pressed={preset === days}
            onClick={() => onChange(presetRange(days))}
          >
            {days} days
          </Button>
        ))}
      </Group>
    </Group>
  );
}

function KpiGrid({ summary }: { summary: Summary }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm" component="section" aria-label="Key figures">
      {kpisOf(summary).map((kpi) => (
        <Paper key={kpi.label} withBorder p="sm" radius="md" role="group" aria-label={kpi.label}>
          <Text size="sm" c="dimmed" fw={500}>
            {kpi.label}
          </Text>
          {kpi.values.length > 0 ? (
            kpi.values.map((value) => (
              <Text key={value} fz="xl" fw={700} lh={1.3}>
                {value}
              </Text>
            ))
          ) : (
            <>
              <Text fz="xl" fw={700} lh={1.3} aria-hidden>
                —
              </Text>
              <VisuallyHidden>not available:</VisuallyHidden>
              <Text size="xs" c="dimmed">
                {kpi.reason}
              </Text>
            </>
          )}
          {kpi.note && (
            <Text size="xs" c="dimmed">
              {kpi.note}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Section({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

function TrendCard({
  range,
  query,
  metric,
  onMetricChange,
  currency,
}: {
  range: DayRange;
  query: RangeQuery;
  metric: TimeseriesMetric;
  onMetricChange: (metric: TimeseriesMetric) => void;
  currency?: string;
}) {
  // Revenue is charted in the workspace's main currency; without sales there is none to chart.
  const metrics = currency ? METRICS : METRICS.filter((option) => option.value !== 'revenue');
  const shown = metrics.some((option) => option.value === metric) ? metric : 'clicks';
  const series = useTimeseries(query, shown);
  const label = METRICS.find((option) => option.value === shown)?.label ?? shown;
  const caption = `${label}${shown === 'revenue' && currency ? ` (${currency})` : ''} per day, ${describeRange(range)}`;
  const format = (value: number) =>
    shown === 'revenue' && currency
      ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value)
      : formatCount(value);
  return (
    <Section
      title="Over time"
      actions={
        <Select
          label="Metric"
          data={metrics}
          value={shown}
          allowDeselect={false}
          onChange={(value) => value && onMetricChange(value as TimeseriesMetric)}
          w={180}
          size="sm"
        />
      }
    >
      <QueryState query={series} label="the chart">
        {(data) => {
          const points = dailyPoints(data.points, range).map((point) => ({
            ...point,
            value: shown === 'revenue' && currency ? toMajor(point.value, currency) : point.value,
          }));
          return (
            <figure style={{ margin: 0 }}>
              <figcaption>
                <Text size="sm" c="dimmed" mb="xs" data-testid="chart-caption">
                  {caption}
                </Text>
              </figcaption>
              <AreaChart
                h={260}
                data={points}
                dataKey="label"
                series={[{ name: 'value', label, color: 'blue.8' }]}
                curveType="monotone"
                withDots={points.length <= 31}
                valueFormatter={format}
                // The table below carries the numbers for screen readers and keyboards; the drawing stays out of the tab order.
                areaChartProps={{ accessibilityLayer: false }}
                aria-hidden
              />
              <VisuallyHidden>
                <table>
                  <caption>{caption}</caption>
                  <thead>
                    <tr>
                      <th>Day</th>
                      <th>{label}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {points.map((point) => (
                      <tr key={point.day}>
                        <td>{point.label}</td>
                        <td>{format(point.value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </VisuallyHidden>
            </figure>
          );
        }}
      </QueryState>
    </Section>
  );
}

function revenueText(row: BreakdownRow): string {
  if (row.revenue.length === 0) return '—';
  return row.revenue.map((revenue) => formatMoney(revenue.revenueMinor, revenue.currency)).join(', ');
}

function RowName({ by, row }: { by: BreakdownDimension; row: BreakdownRow }) {
  if (row.key === '(none)')
    return (
      <Text c="dimmed" size="sm">
        Not known
      </Text>
    );
  if (by === 'product')
    return (
      <AnchorLink to="/products/$productId" params={{ productId: row.key }}>
        {row.label ?? 'Deleted product'}
      </AnchorLink>
    );
  if (by === 'post')
    return (
      <AnchorLink to="/posts/$postId" params={{ postId: row.key }}>
        {row.label ?? `Post ${row.key.slice(0, 8)}`}
      </AnchorLink>
    );
  return <>{row.label ?? row.key}</>;
}

function BreakdownTable({
  by,
  column,
  rows,
}: {
  by: BreakdownDimension;
  column: string;
  rows: BreakdownRow[];
}) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" py="md">
        Nothing to break down in this period.
      </Text>
    );
  return (
    <ScrollTable minWidth={520} label={`By ${column.toLowerCase()}, scrolls sideways`}>
      <Table striped aria-label={`By ${column.toLowerCase()}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{column}</Table.Th>
            <Table.Th ta="right">Clicks</Table.Th>
            <Table.Th ta="right">Unique</Table.Th>
            <Table.Th ta="right">Orders</Table.Th>
            <Table.Th ta="right">Revenue</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <RowName by={by} row={row} />
              </Table.Td>
              <Table.Td ta="right">{formatCount(row.clicks)}</Table.Td>
              <Table.Td ta="right">{formatCount(row.uniqueClicks)}</Table.Td>
              <Table.Td ta="right">{formatCount(row.orders)}</Table.Td>
              <Table.Td ta="right">{revenueText(row)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function BreakdownCard({
  query,
  dimension,
  onDimensionChange,
}: {
  query: RangeQuery;
  dimension: BreakdownDimension;
  onDimensionChange: (by: BreakdownDimension) => void;
}) {
  const breakdown = useBreakdown(query, dimension);
  const column = DIMENSIONS.find((option) => option.value === dimension)?.column ?? dimension;
  return (
    <Section title="Breakdown">
      <Tabs value={dimension} onChange={(value) => value && onDimensionChange(value as BreakdownDimension)}>
        <Tabs.List mb="sm" style={{ flexWrap: 'wrap' }}>
          {DIMENSIONS.map((option) => (
            <Tabs.Tab key={option.value} value={option.value}>
              {option.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={dimension}>
          <QueryState query={breakdown} label="the breakdown">
            {(data) => <BreakdownTable by={dimension} column={column} rows={data.rows} />}
          </QueryState>
        </Tabs.Panel>
      </Tabs>
    </Section>
  );
}

function TopProductsCard({ query }: { query: RangeQuery }) {
  const top = useTopProducts(query);
  return (
    <Section title="Top products">
      <QueryState query={top} label="top products">
        {(data) => <BreakdownTable by="product" column="Product" rows={data.rows} />}
      </QueryState>
    </Section>
  );
}

const VERDICTS: Record<Experiment['verdict'], { label: string; color: string }> = {
  winner: { label: 'Winner found', color: 'teal.9' },
  no_difference: { label: 'No clear difference', color: 'gray.8' },
  inconclusive: { label: 'Not enough data yet', color: 'yellow.9' },
};

function ExperimentsCard() {
  const experiments = useExperiments();
  return (
    <Section title="Experiments">
      <QueryState query={experiments} label="experiments">
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              No experiments yet. Publish a post with two or more caption variants (A, B…) and tracked links
              that carry the variant; each variant's chance of being best appears here.
            </Text>
          ) : (
            <Stack gap="md">
              {list.map((experiment) => (
                <ExperimentResult key={experiment.id} experiment={experiment} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}

function ExperimentResult({ experiment }: { experiment: Experiment }) {
  const verdict = VERDICTS[experiment.verdict];
  const rate = experiment.metric === 'ctr' ? 'click-through rate' : 'conversion rate';
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <AnchorLink to="/posts/$postId" params={{ postId: experiment.id }}>
          Post {experiment.id.slice(0, 8)}
        </AnchorLink>
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

function ExportMenu({
  range,
  query,
  metric,
  dimension,
}: {
  range: DayRange;
  query: RangeQuery;
  metric: TimeseriesMetric;
  dimension: BreakdownDimension;
}) {
  const csv = useCsvExport();
  const suffix = `${range[0]}_${range[1]}.csv`;
  const dimensionLabel = DIMENSIONS.find((option) => option.value === dimension)?.label ?? dimension;
  const items: { label: string; request: CsvExport; name: string }[] = [
    { label: 'Key figures', request: { of: 'summary', range: query }, name: 'summary' },
    {
      label: `${METRICS.find((option) => option.value === metric)?.label ?? metric} per day`,
      request: { of: 'timeseries', range: query, metric },
      name: metric,
    },
    {
      label: `Breakdown by ${dimensionLabel.toLowerCase()}`,
      request: { of: 'breakdown', range: query, by: dimension },
      name: `by-${dimension}`,
    },
    { label: 'Top products', request: { of: 'top-products', range: query }, name: 'top-products' },
  ];
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" loading={csv.isPending}>
          Export CSV
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {items.map((item) => (
          <Menu.Item
            key={item.name}
            onClick={() => csv.mutate({ request: item.request, fileName: `shopcast-${item.name}-${suffix}` })}
          >
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
