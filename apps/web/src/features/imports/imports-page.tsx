import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { GuardedButton } from '../../components/guarded-button';
import { ImportFileStep } from '../../components/import-file-step';
import { PageHeader } from '../../components/page-header';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { useStartImport } from './api';
import {
  guessMapping,
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
  mappedRows,
} from './column-mapping';
import { type FilePreview, previewFile } from './file-preview';

const NOT_MAPPED = '';

interface Chosen {
  file: File;
  preview: FilePreview;
}

export function ImportsPage() {
  const [chosen, setChosen] = useState<Chosen>();
  return (
    <>
      <PageHeader
        title="Import products"
        description="Bring a catalog from a CSV or JSON feed. Rows are matched on their SKU, so importing the same file again changes nothing."
      />
      <Stack gap="lg" maw={1100}>
        <FileStep onChosen={setChosen} chosen={chosen} />
        {chosen && <MappingStep key={`${chosen.file.name}-${chosen.file.lastModified}`} chosen={chosen} />}
      </Stack>
    </>
  );
}

function FileStep({ chosen, onChosen }: { chosen?: Chosen; onChosen: (chosen: Chosen | undefined) => void }) {
  const [error, setError] = useState<string>();
  const read = async (file: File) => {
    setError(undefined);
    try {
      onChosen({ file, preview: await previewFile(file) });
    } catch (failure) {
      onChosen(undefined);
      setError(messageOf(failure));
    }
  };
  return (
    <ImportFileStep
      label="Choose a CSV or JSON file"
      hint="The first row of a CSV names the columns; JSON is a list of objects."
      onFile={(file) => void read(file)}
      onReject={() => setError('Choose one CSV or JSON file.')}
    >
      {error && (
        <Alert color="red" mt="sm" role="alert">
          {error}
        </Alert>
      )}
      {chosen && (
        <Text size="sm" mt="sm" role="status">
          {chosen.file.name}: {chosen.preview.rowCount.toLocaleString()} rows, {chosen.preview.columns.length}{' '}
          columns.
        </Text>
      )}
    </ImportFileStep>
  );
}

function MappingStep({ chosen }: { chosen: Chosen }) {
  const navigate = useNavigate();
  const start = useStartImport();
  const [mapping, setMapping] = useState<ImportMapping>(() => guessMapping(chosen.preview.columns));
  const [defaultCurrency, setDefaultCurrency] = useState('');
  const [error, setError] = useState<string>();
  const columns = chosen.preview.columns.map((column) => ({ value: column, label: column }));
  const options = [{ value: NOT_MAPPED, label: 'Not mapped' }, ...columns];
  const shownFields = IMPORT_FIELDS.filter(({ field }) => mapping[field]);
  const preview = mappedRows(chosen.preview.rows, mapping);

  const run = () => {
    setError(undefined);
    const explicit = Object.fromEntries(
      Object.entries(mapping).filter(([, column]) => column),
    ) as ImportMapping;
    start.mutate(
      {
        file: chosen.file,
        format: chosen.preview.format,
        mapping: explicit,
        defaultCurrency: defaultCurrency.trim().toUpperCase() || undefined,
      },
      {
        onSuccess: (report) =>
          void navigate({
            to: '/imports/$importId',
            params: { importId: report.id },
            search: { rows: chosen.preview.rowCount },
          }),
        onError: (failure) => {
          const fields = failure instanceof ApiError ? Object.values(failure.fieldMessages()) : [];
          setError([messageOf(failure), ...fields].join(' '));
        },
      },
    );
  };

  return (
    <>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="mapping-title">
        <Title order={2} size="h4" id="mapping-title" mb={4}>
          2. Match columns to product fields
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          A field left unmapped is read from a column with a common name for it (such as “name” for the
          title), if the file has one.
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          {IMPORT_FIELDS.map(({ field, label }) => (
            <Select
              key={field}
              label={label}
              data={options}
              value={mapping[field] ?? NOT_MAPPED}
              onChange={(column) => setMapping((current) => ({ ...current, [field]: column || undefined }))}
              allowDeselect={false}
            />
          ))}
          <TextInput
            label="Currency for rows without one"
            placeholder="USD"
            maxLength={3}
            value={defaultCurrency}
            onChange={(event) => setDefaultCurrency(event.currentTarget.value)}
          />
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="preview-title">
        <Title order={2} size="h4" id="preview-title" mb="sm">
          3. Check the first rows
        </Title>
        {shownFields.length === 0 ? (
          <Text size="sm" c="dimmed">
            Map at least one column to see how the rows will be read.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={shownFields.length * 130} type="native">
            <Table striped aria-label="Preview of the first rows">
              <Table.Thead>
                <Table.Tr>
                  {shownFields.map(({ field, label }) => (
                    <Table.Th key={field}>{label}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.map((row, index) => (
                  <Table.Tr key={index}>
                    {shownFields.map(({ field }) => (
                      <Table.Td key={field} style={{ maxWidth: 260, overflowWrap: 'anywhere' }}>
                        {row[field as ImportField]}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {error && (
          <Alert color="red" mt="sm" role="alert" title="The import did not start">
            {error}
          </Alert>
        )}
        <Group mt="md" gap="sm">
          <GuardedButton requires="write" onClick={run} loading={start.isPending}>
            Import {chosen.preview.rowCount.toLocaleString()} rows
          </GuardedButton>
          <Button variant="subtle" onClick={() => setMapping(guessMapping(chosen.preview.columns))}>
            Reset the mapping
          </Button>
        </Group>
      </Paper>
    </>
  );
}
