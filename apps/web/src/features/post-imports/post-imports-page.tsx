import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { CountCard } from '../../components/count-card';
import { GuardedButton } from '../../components/guarded-button';
import { ImportFileStep } from '../../components/import-file-step';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { type PostImportReport, usePostImportReport, useStartPostImport } from './api';
import { exampleCsv, POST_IMPORT_COLUMNS } from './import-columns';

export function PostImportsPage() {
  const { importId } = useSearch({ from: '/app/posts/import' });
  return (
    <>
      <PageHeader
        title="Import posts"
        description="Schedule many posts at once from a CSV or JSON file, one post per row. Every row is checked first; nothing is created until you import."
        actions={
          <Button component={Link} to="/calendar" variant="default">
            Calendar
          </Button>
        }
      />
      <Stack gap="lg" maw={1100}>
        {importId ? <ImportProgress importId={importId} /> : <CheckAndImport />}
        <ColumnsHelp />
      </Stack>
    </>
  );
}

/** Choose a file, see the dry run's report, then import it. */
function CheckAndImport() {
  const navigate = useNavigate();
  const start = useStartPostImport();
  const [file, setFile] = useState<File>();
  const [checkId, setCheckId] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const check = usePostImportReport(checkId);

  const run = (chosen: File, dryRun: boolean) => {
    setError(undefined);
    start.mutate(
      { file: chosen, dryRun },
      {
        onSuccess: (report) =>
          dryRun
            ? setCheckId(report.id)
            : void navigate({ to: '/posts/import', search: { importId: report.id } }),
        onError: (failure) => {
          const fields = failure instanceof ApiError ? Object.values(failure.fieldMessages()) : [];
          setError([messageOf(failure), ...fields].join(' '));
        },
      },
    );
  };
  const choose = (chosen: File) => {
    setFile(chosen);
    setCheckId(null);
    run(chosen, true);
  };
  const checked = check.data?.status === 'completed' ? check.data : undefined;

  return (
    <>
      <FileStep file={file} onChosen={choose} error={error} />
      {(start.isPending || checkId) && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="check-title">
          <Title order={2} size="h4" id="check-title" mb="sm">
            2. Check the rows
          </Title>
          {checkId ? (
            <QueryState query={check} label="the check">
              {(report) => <CheckResult report={report} />}
            </QueryState>
          ) : (
            <Text size="sm" role="status">
              Sending the file…
            </Text>
          )}
          {file && checked && checked.valid > 0 && (
            <Group mt="md" gap="sm">
              <GuardedButton requires="write" onClick={() => run(file, false)} loading={start.isPending}>
                Import {checked.valid.toLocaleString()} {checked.valid === 1 ? 'post' : 'posts'}
              </GuardedButton>
              {checked.rejected > 0 && (
                <Text size="sm" c="dimmed">
                  The rejected rows are left out; fix them and import them in another file.
                </Text>
              )}
            </Group>
          )}
        </Paper>
      )}
    </>
  );
}

function FileStep({
  file,
  onChosen,
  error,
}: {
  file?: File;
  onChosen: (file: File) => void;
  error?: string;
}) {
  const [rejected, setRejected] = useState(false);
  return (
    <ImportFileStep
      label="Choose a CSV or JSON file of posts"
      hint="Up to 10,000 rows; the first row of a CSV names the columns."
      onFile={(chosen) => {
        setRejected(false);
        onChosen(chosen);
      }}
      onReject={() => setRejected(true)}
    >
      {file && (
        <Text size="sm" mt="sm">
          {file.name}, {Math.max(1, Math.round(file.size / 1024)).toLocaleString()} KB
        </Text>
      )}
      {(rejected || error) && (
        <Alert color="red" mt="sm" role="alert" title="The file was not checked">
          {rejected ? 'Choose one CSV or JSON file.' : error}
        </Alert>
      )}
    </ImportFileStep>
  );
}

function CheckResult({ report }: { report: PostImportReport }) {
  if (report.status === 'running')
    return (
      <Progressing report={report} label={`Checking: ${report.processedRows.toLocaleString()} rows read`} />
    );
  if (report.error) return <FileError report={report} />;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" aria-label="What the check found">
        <CountCard label="Rows read" value={report.processedRows} />
        <CountCard label="Ready to import" value={report.valid} />
        <CountCard label="Rejected" value={report.rejected} isBad={report.rejected > 0} />
      </SimpleGrid>
      {report.valid === 0 && (
        <Alert color="yellow" role="status">
          No row can be imported yet. Fix the rows below and choose the file again.
        </Alert>
      )}
      <RejectedRows report={report} empty="None: every row can be imported." />
    </Stack>
  );
}

/** A real import: its progress while it runs, then what it created and what it left out. */
function ImportProgress({ importId }: { importId: string }) {
  const report = usePostImportReport(importId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-title">
      <Title order={2} size="h4" id="import-title" mb="sm">
        Import
      </Title>
      <QueryState query={report} label="the import">
        {(loaded) => <ImportResult report={loaded} />}
      </QueryState>
    </Paper>
  );
}

const STAGES: Record<PostImportReport['stage'], string> = {
  checking: 'Checking the rows',
  preparing: 'Adding media and writing copy',
  creating: 'Creating posts',
  finished: 'Finished',
};

function ImportResult({ report }: { report: PostImportReport }) {
  if (report.status === 'running') {
    const label =
      report.stage === 'creating'
        ? `${STAGES.creating}: ${report.created.toLocaleString()} of ${report.valid.toLocaleString()}`
        : STAGES[report.stage];
    return <Progressing report={report} label={label} />;
  }
  if (report.error) return <FileError report={report} />;
  return (
    <Stack gap="md">
      <Text fw={600} role="status">
        Created {report.created.toLocaleString()} {report.created === 1 ? 'post' : 'posts'}
        {report.rejected > 0
          ? `; ${report.rejected.toLocaleString()} ${report.rejected === 1 ? 'row' : 'rows'} left out`
          : ''}
        .
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" aria-label="Outcome">
        <CountCard label="Rows read" value={report.processedRows} />
        <CountCard label="Created" value={report.created} />
        <CountCard label="Rejected" value={report.rejected} isBad={report.rejected > 0} />
      </SimpleGrid>
      <RejectedRows report={report} empty="None." />
      <Group gap="md">
        <Anchor component={Link} to="/calendar">
          See them in the calendar
        </Anchor>
        <Anchor component={Link} to="/posts/import">
          Import another file
        </Anchor>
      </Group>
    </Stack>
  );
}

function Progressing({ report, label }: { report: PostImportReport; label: string }) {
  const share =
    report.stage === 'creating' && report.valid > 0
      ? Math.min(99, (report.created / report.valid) * 100)
      : 100;
  return (
    <Stack gap="xs">
      <Text fw={600} role="status">
        {label}
      </Text>
      <Progress value={share} animated striped aria-label="Import progress" size="lg" />
    </Stack>
  );
}

function FileError({ report }: { report: PostImportReport }) {
  const error = report.error as NonNullable<PostImportReport['error']>;
  return (
    <Alert color="red" role="alert" title="The file was refused as a whole">
      {error.message}
      {error.line !== null &&
        ` (line ${error.line}${error.column !== null ? `, column ${error.column}` : ''})`}
    </Alert>
  );
}

function RejectedRows({ report, empty }: { report: PostImportReport; empty: string }) {
  return (
    <div>
      <Title order={3} size="h5" mb="xs">
        Rejected rows
        {report.rejected > report.rejectedRows.length &&
          ` (the first ${report.rejectedRows.length.toLocaleString()} of ${report.rejected.toLocaleString()})`}
      </Title>
      {report.rejectedRows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        // The list scrolls within its own area: focusable and named, so a keyboard scrolls it too.
        <Table.ScrollContainer
          minWidth={320}
          maxHeight={420}
          type="native"
          tabIndex={0}
          role="region"
          aria-label="Rejected rows, scrollable"
        >
          <Table striped stickyHeader aria-label="Rejected rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Line</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rejectedRows.map((row) => (
                <Table.Tr key={`${row.line}-${row.reason}`}>
                  <Table.Td>{row.line}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}

function ColumnsHelp() {
  const example = useMemo(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return `data:text/csv;charset=utf-8,${encodeURIComponent(exampleCsv(zone))}`;
  }, []);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="columns-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="columns-title">
          Columns
        </Title>
        <Anchor href={example} download="posts-example.csv">
          Download an example file
        </Anchor>
      </Group>
      <Table aria-label="Columns a posts import reads">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Column</Table.Th>
            <Table.Th>Takes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {POST_IMPORT_COLUMNS.map((column) => (
            <Table.Tr key={column.name}>
              <Table.Td>
                <Text component="code" size="sm">
                  {column.name}
                </Text>
                {column.isRequired ? '' : ' (optional)'}
              </Table.Td>
              <Table.Td>{column.takes}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="sm">
        Posts go through review, campaign rules and each account’s safety limits like any other. Rows the
        check rejects are listed with their line; the others are created.
      </Text>
    </Paper>
  );
}
