import { Paper, Text } from '@mantine/core';

/** One number of a report (rows read, created, rejected...), in red when it is a problem. */
export function CountCard({
  label,
  value,
  isBad = false,
}: {
  label: string;
  value: number;
  isBad?: boolean;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={isBad ? 'red.9' : undefined}>
        {value.toLocaleString()}
      </Text>
    </Paper>
  );
}
