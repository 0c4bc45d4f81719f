import { Alert, Anchor, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { CountCard } from '../../components/count-card';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { type ImportReport, useImportReport } from './api';

export function ImportReportPage() {
  const { importId } = useParams({ from: '/app/imports/$importId' });
  const { rows } = useSearch({ from: '/app/imports/$importId' });
  const report = useImportReport(importId);
  return (
    <QueryState query={report} label="the import">
      {(loaded) => <Report report={loaded} expectedRows={rows} />}
    </QueryState>
  );
}

function Report({ report, expectedRows }: { report: ImportReport; expectedRows?: number }) {
  const isRunning = report.status === 'running';
  const name = report.fileName ?? `${report.format.toUpperCase()} import`;
  return (
    <>
      <PageHeader
        title={isRunning ? `Importing ${name}` : `Import of ${name}`}
        description={`Started ${dayjs(report.createdAt).format('D MMM YYYY, HH:mm')}${
          report.finishedAt ? `, finished ${dayjs(report.finishedAt).format('HH:mm:ss')}` : ''
        }`}
      />
      <Stack gap="lg" maw={1000}>
        <ImportProgress report={report} expectedRows={expectedRows} />
        {report.error && (
          <Alert color="red" role="alert" title="The file could not be read">
            {report.error.message}
            {report.error.line !== null &&
              ` (line ${report.error.line}${report.error.column !== null ? `, column ${report.error.column}` : ''})`}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" aria-label="Outcome">
          <CountCard label="Created" value={report.created} />
          <CountCard label="Updated" value={report.updated} />
          <CountCard label="Unchanged" value={report.unchanged} />
          <CountCard label="Skipped by filters" value={report.skipped} />
          <CountCard label="Rejected" value={report.rejected} isBad={report.rejected > 0} />
        </SimpleGrid>
        <Problems
          title="Rejected rows"
          empty={isRunning ? 'None so far.' : 'None: every row was read.'}
          rows={report.rejectedRows.map((row) => ({ ...row, text: row.reason }))}
        />
        {report.warnings.length > 0 && (
          <Problems
            title="Warnings"
            empty=""
            rows={report.warnings.map((row) => ({ ...row, text: row.message }))}
          />
        )}
        {!isRunning && (
          <Group gap="md">
            <Anchor component={Link} to="/products">
              See your products
            </Anchor>
            <Anchor component={Link} to="/imports">
              Import another file
            </Anchor>
          </Group>
        )}
      </Stack>
    </>
  );
}

function ImportProgress({ report, expectedRows }: { report: ImportReport; expectedRows?: number }) {
  const isRunning = report.status === 'running';
  const share = !isRunning
    ? 100
    : expectedRows
      ? Math.min(99, (report.processedRows / expectedRows) * 100)
      : undefined;
  const label = isRunning
    ? `${report.processedRows.toLocaleString()}${expectedRows ? ` of ${expectedRows.toLocaleString()}` : ''} rows read`
    : report.status === 'failed'
      ? 'The import stopped'
      : `Done: ${report.processedRows.toLocaleString()} rows read`;
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600} role="status">
          {label}
        </Text>
      </Group>
      <Progress
        value={share ?? 100}
        animated={isRunning}
        striped={isRunning}
        color={report.status === 'failed' ? 'red' : isRunning ? 'blue' : 'teal'}
        aria-label="Import progress"
        size="lg"
      />
    </Paper>
  );
}

function Problems({
  title,
  empty,
  rows,
}: {
  title: string;
  empty: string;
  rows: Array<{ line: number; text: string; externalId: string | null }>;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480} type="native">
          <Table striped aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Line</Table.Th>
                <Table.Th w={160}>SKU</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.line}-${row.text}`}>
                  <Table.Td>{row.line}</Table.Td>
                  <Table.Td>{row.externalId ?? ''}</Table.Td>
                  <Table.Td>{row.text}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
