import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import {
  Anchor,
  Button,
  Card,
  Group,
  Menu,
  Paper,
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
import { createLink, Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { ExperimentResult } from '../../components/experiment-result';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useConnections, usePosts } from '../../lib/posts';
import {
  type BreakdownDimension,
  type BreakdownRow,
  type CsvExport,
  type Revenue,
  type ReportQuery,
  type Summary,
  type TimeseriesMetric,
  useBreakdown,
  useCampaignChoices,
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
  toRangeQuery,
} from './date-range';
import { hasFilters, parseReportFilters, postLabel, type ReportFilters, withFilter } from './filters';
import { formatCount, formatMoney, isEmptySummary, kpisOf, toMajor } from './kpis';
import { ScrollTable } from './scroll-table';

/** A router link with the look of an inline Mantine anchor (typed route params). */
const AnchorLink = createLink(Anchor);

const METRICS: { value: TimeseriesMetric; label: string; isMoney?: boolean }[] = [
  { value: 'clicks', label: 'Clicks' },
  { value: 'unique_clicks', label: 'Unique clicks' },
  { value: 'orders', label: 'Orders' },
  { value: 'revenue', label: 'Revenue', isMoney: true },
  { value: 'estimated_commission', label: 'Est. commission', isMoney: true },
];

const DIMENSIONS: { value: BreakdownDimension; label: string; column: string }[] = [
  { value: 'platform', label: 'Platform', column: 'Platform' },
  { value: 'product', label: 'Product', column: 'Product' },
  { value: 'post', label: 'Post', column: 'Post' },
  { value: 'campaign', label: 'Campaign', column: 'Campaign' },
  { value: 'connection', label: 'Account', column: 'Account' },
  { value: 'variant', label: 'Variant', column: 'Variant' },
  { value: 'country', label: 'Country', column: 'Country' },
  { value: 'utm_campaign', label: 'UTM campaign', column: 'UTM campaign' },
];

/** Names of the workspace's campaigns and accounts by id, for filter choices and breakdown rows. */
interface Names {
  campaigns: Map<string, string>;
  connections: Map<string, string>;
}

/** The page's filters as the address holds them (the route has already dropped malformed ones). */
function useReportFilters(): [ReportFilters, (filters: ReportFilters) => void] {
  const search = useSearch({ strict: false });
  const navigate = useNavigate();
  const { campaignId, connectionId, postId, variant } = parseReportFilters(search);
  const filters = useMemo(
    () => parseReportFilters({ campaignId, connectionId, postId, variant }),
    [campaignId, connectionId, postId, variant],
  );
  return [filters, (next) => void navigate({ to: '/analytics', search: next })];
}

function useNames(): Names {
  const campaigns = useCampaignChoices();
  const connections = useConnections();
  return useMemo(
    () => ({
      campaigns: new Map((campaigns.data ?? []).map((campaign) => [campaign.id, campaign.name])),
      connections: new Map(
        (connections.data ?? []).map((connection) => [
          connection.id,
          `${connection.accountName ?? connection.name} (${connection.platform})`,
        ]),
      ),
    }),
    [campaigns.data, connections.data],
  );
}

export function AnalyticsPage() {
  const [range, setRange] = useState<DayRange>(() => presetRange(30));
  const [metric, setMetric] = useState<TimeseriesMetric>('clicks');
  const [dimension, setDimension] = useState<BreakdownDimension>('platform');
  const [filters, setFilters] = useReportFilters();
  const names = useNames();
  const query = useMemo<ReportQuery>(
    () => ({ ...toRangeQuery(range, browserTimeZone()), ...filters }),
    [range, filters],
  );
  const summary = useSummary(query);
  const isEmpty = summary.data !== undefined && isEmptySummary(summary.data);
  const isFiltered = hasFilters(filters);
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Clicks on your tracked links, the sales they brought, and which caption wins."
        actions={<ExportMenu range={range} query={query} metric={metric} dimension={dimension} />}
      />
      <Stack gap="lg">
        <RangePicker range={range} onChange={setRange} />
        <FilterBar query={query} filters={filters} names={names} onChange={setFilters} />
        <QueryState query={summary} label="the summary">
          {(data) =>
            isEmpty && isFiltered ? (
              <EmptyState
                title="Nothing matches these filters in this period"
                actions={
                  <Group justify="center">
                    <Button onClick={() => setFilters({})}>Clear filters</Button>
                  </Group>
                }
              >
                No clicks or sales came through the tracked links of this campaign, account or post in the
                period. Pick a longer period, or other filters.
              </EmptyState>
            ) : isEmpty ? (
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
            <BreakdownCard
              query={query}
              names={names}
              dimension={dimension}
              onDimensionChange={setDimension}
            />
            <TopProductsCard query={query} />
          </>
        )}
        <ExperimentsCard postId={filters.postId} />
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

/** An option for the id in the address even when the list lacks it (a deleted campaign, an old post). */
function withChosen(options: { value: string; label: string }[], chosen: string | undefined, name: string) {
  if (!chosen || options.some((option) => option.value === chosen)) return options;
  return [...options, { value: chosen, label: `${name} ${chosen.slice(0, 8)}` }];
}

interface FilterField {
  key: keyof ReportFilters;
  label: string;
  options: { value: string; label: string }[];
  width?: number;
}

/** Campaign, account and post (and, with a post, its caption variant): the reports below show only their links. */
function FilterBar({
  query,
  filters,
  names,
  onChange,
}: {
  query: ReportQuery;
  filters: ReportFilters;
  names: Names;
  onChange: (filters: ReportFilters) => void;
}) {
  const posts = usePosts(filters.campaignId ? { campaignId: filters.campaignId } : {});
  const variants = useBreakdown(
    { from: query.from, to: query.to, tz: query.tz, postId: filters.postId },
    'variant',
    filters.postId !== undefined,
  );
  const named = (map: Map<string, string>) => [...map].map(([value, label]) => ({ value, label }));
  const fields: FilterField[] = [
    { key: 'campaignId', label: 'Campaign', options: named(names.campaigns) },
    { key: 'connectionId', label: 'Account', options: named(names.connections) },
    {
      key: 'postId',
      label: 'Post',
      options: (posts.data ?? []).map((post) => ({ value: post.id, label: postLabel(post) })),
    },
  ];
  if (filters.postId) {
    const options = (variants.data?.rows ?? [])
      .filter((row) => row.key !== '(none)')
      .map((row) => ({ value: row.key, label: `Variant ${row.key}` }));
    fields.push({ key: 'variant', label: 'Variant', options, width: 160 });
  }
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="group" aria-label="Filters">
      {fields.map((field) => (
        <Select
          key={field.key}
          label={field.label}
          placeholder={`All ${field.label.toLowerCase()}s`}
          data={withChosen(field.options, filters[field.key], field.label)}
          value={filters[field.key] ?? null}
          onChange={(value) => onChange(withFilter(filters, field.key, value))}
          clearable
          searchable
          w={{ base: '100%', xs: field.width ?? 220 }}
        />
      ))}
      {hasFilters(filters) && (
        <Button variant="subtle" onClick={() => onChange({})}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}

function KpiGrid({ summary }: { summary: Summary }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="sm" component="section" aria-label="Key figures">
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
  query: ReportQuery;
  metric: TimeseriesMetric;
  onMetricChange: (metric: TimeseriesMetric) => void;
  currency?: string;
}) {
  // Money is charted in the currency with the most revenue in the period; without sales there is none to chart.
  const metrics = currency ? METRICS : METRICS.filter((option) => !option.isMoney);
  const shown = metrics.some((option) => option.value === metric) ? metric : 'clicks';
  const isMoney =
    METRICS.find((option) => option.value === shown)?.isMoney === true && currency !== undefined;
  const series = useTimeseries(query, shown, isMoney ? currency : undefined);
  const label = METRICS.find((option) => option.value === shown)?.label ?? shown;
  const caption = `${label}${isMoney ? ` (${currency})` : ''} per day, ${describeRange(range)}`;
  const format = (value: number) =>
    isMoney
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
            value: isMoney && currency ? toMajor(point.value, currency) : point.value,
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

/** Per-currency amounts of a row, or a dash when it has none. */
function moneyText(row: BreakdownRow, pick: (revenue: Revenue) => number | null): string {
  const amounts = row.revenue.flatMap((revenue) => {
    const minor = pick(revenue);
    return minor === null ? [] : [formatMoney(minor, revenue.currency)];
  });
  return amounts.length === 0 ? '—' : amounts.join(', ');
}

function RowName({ by, row, names }: { by: BreakdownDimension; row: BreakdownRow; names: Names }) {
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
  if (by === 'campaign')
    return (
      <AnchorLink to="/campaigns/$campaignId" params={{ campaignId: row.key }}>
        {names.campaigns.get(row.key) ?? row.label ?? `Campaign ${row.key.slice(0, 8)}`}
      </AnchorLink>
    );
  if (by === 'connection')
    return <>{names.connections.get(row.key) ?? row.label ?? `Account ${row.key.slice(0, 8)}`}</>;
  return <>{row.label ?? row.key}</>;
}

function BreakdownTable({
  by,
  column,
  rows,
  names,
}: {
  by: BreakdownDimension;
  column: string;
  rows: BreakdownRow[];
  names: Names;
}) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" py="md">
        Nothing to break down in this period.
      </Text>
    );
  return (
    <ScrollTable minWidth={640} label={`By ${column.toLowerCase()}, scrolls sideways`}>
      <Table striped aria-label={`By ${column.toLowerCase()}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{column}</Table.Th>
            <Table.Th ta="right">Clicks</Table.Th>
            <Table.Th ta="right">Unique</Table.Th>
            <Table.Th ta="right">Orders</Table.Th>
            <Table.Th ta="right">Revenue</Table.Th>
            <Table.Th ta="right">Est. commission</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <RowName by={by} row={row} names={names} />
              </Table.Td>
              <Table.Td ta="right">{formatCount(row.clicks)}</Table.Td>
              <Table.Td ta="right">{formatCount(row.uniqueClicks)}</Table.Td>
              <Table.Td ta="right">{formatCount(row.orders)}</Table.Td>
              <Table.Td ta="right">{moneyText(row, (revenue) => revenue.revenueMinor)}</Table.Td>
              <Table.Td ta="right">{moneyText(row, (revenue) => revenue.estimatedCommissionMinor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function BreakdownCard({
  query,
  names,
  dimension,
  onDimensionChange,
}: {
  query: ReportQuery;
  names: Names;
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
            {(data) => <BreakdownTable by={dimension} column={column} rows={data.rows} names={names} />}
          </QueryState>
        </Tabs.Panel>
      </Tabs>
    </Section>
  );
}

function TopProductsCard({ query }: { query: ReportQuery }) {
  const top = useTopProducts(query);
  const noNames = useMemo<Names>(() => ({ campaigns: new Map(), connections: new Map() }), []);
  return (
    <Section title="Top products">
      <QueryState query={top} label="top products">
        {(data) => <BreakdownTable by="product" column="Product" rows={data.rows} names={noNames} />}
      </QueryState>
    </Section>
  );
}

function ExperimentsCard({ postId }: { postId?: string }) {
  const experiments = useExperiments(postId);
  const campaigns = useCampaignChoices();
  const campaignNames = new Map((campaigns.data ?? []).map((campaign) => [campaign.id, campaign.name]));
  return (
    <Section title="Experiments">
      <QueryState query={experiments} label="experiments">
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {postId
                ? 'This post has no experiment: its tracked links carry fewer than two caption variants.'
                : "No experiments yet. Publish a post with two or more caption variants (A, B…), or give a campaign's bank two or more templates; each variant's chance of being best appears here."}
            </Text>
          ) : (
            <Stack gap="md">
              {list.map((experiment) => (
                <ExperimentResult
                  key={`${experiment.scope}-${experiment.id}`}
                  experiment={experiment}
                  heading={
                    experiment.scope === 'campaign' ? (
                      <AnchorLink to="/campaigns/$campaignId" params={{ campaignId: experiment.id }}>
                        {campaignNames.get(experiment.id) ?? `Campaign ${experiment.id.slice(0, 8)}`}
                      </AnchorLink>
                    ) : (
                      <AnchorLink to="/posts/$postId" params={{ postId: experiment.id }}>
                        Post {experiment.id.slice(0, 8)}
                      </AnchorLink>
                    )
                  }
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}

function ExportMenu({
  range,
  query,
  metric,
  dimension,
}: {
  range: DayRange;
  query: ReportQuery;
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
