import '@mantine/dropzone/styles.css';
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Dropzone } from '@mantine/dropzone';
import { useDeniedReason } from '../lib/me';

const ACCEPTED = ['text/csv', 'application/json', 'text/plain', 'application/vnd.ms-excel'];

/**
 * The first step of an import page: where it takes its one CSV or JSON file (closed to roles that may not
 * write, saying why), with what the page says of the chosen file below.
 */
export function ImportFileStep({
  label,
  hint,
  onFile,
  onReject,
  children,
}: {
  /** The drop zone's accessible name. */
  label: string;
  /** What the file should hold, under the invitation to drop it. */
  hint: string;
  onFile: (file: File) => void;
  /** A file of another type, or several files. */
  onReject: () => void;
  children?: ReactNode;
}) {
  const deniedReason = useDeniedReason('write');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="file-title">
      <Title order={2} size="h4" id="file-title" mb="sm">
        1. Choose a file
      </Title>
      <Dropzone
        onDrop={(files) => {
          if (files[0]) onFile(files[0]);
        }}
        onReject={onReject}
        accept={ACCEPTED}
        multiple={false}
        disabled={!!deniedReason}
        aria-label={label}
      >
        <Stack align="center" gap={4} py="md" style={{ pointerEvents: 'none' }}>
          <Text fw={600}>
            {deniedReason ? 'Importing is not open to viewers' : 'Drop a CSV or JSON file here'}
          </Text>
          <Text size="sm" c="dimmed" ta="center">
            {deniedReason ?? `or press to choose one. ${hint}`}
          </Text>
        </Stack>
      </Dropzone>
      {children}
    </Paper>
  );
}
