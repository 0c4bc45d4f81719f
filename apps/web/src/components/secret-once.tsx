import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { type ReactNode, useId } from 'react';

/** A secret the server shows only once (a signing secret, an API key): copy it now, it is not shown again. */
export function SecretOnce({
  secret,
  onDone,
  name = 'signing secret',
  copyLabel = 'Copy secret',
  children = 'The receiving side uses it to check that each request comes from Shopcast.',
}: {
  secret: string;
  onDone: () => void;
  /** What the secret is, in lower case: "signing secret", "API key". */
  name?: string;
  copyLabel?: string;
  /** What it is for, after the warning that it will not be shown again. */
  children?: ReactNode;
}) {
  const labelId = useId();
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  return (
    <Stack gap="sm">
      <Alert color="red.9" variant="outline" title={`Copy the ${name} now`} role="status">
        You will not see it again. {children}
      </Alert>
      <Text size="sm" fw={500} id={labelId}>
        {label}
      </Text>
      <Code block aria-labelledby={labelId} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {secret}
      </Code>
      <Group justify="space-between">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} aria-live="polite">
              {copied ? 'Copied' : copyLabel}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>I have stored it</Button>
      </Group>
    </Stack>
  );
}
