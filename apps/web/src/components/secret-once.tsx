import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

/** A signing secret the server shows only once: copy it now, it is not shown again. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <Stack gap="sm">
      <Alert color="red.9" variant="outline" title="Copy the signing secret now" role="status">
        You will not see it again. The receiving side uses it to check that each request comes from Shopcast.
      </Alert>
      <Text size="sm" fw={500} id="signing-secret-label">
        Signing secret
      </Text>
      <Code
        block
        aria-labelledby="signing-secret-label"
        style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
      >
        {secret}
      </Code>
      <Group justify="space-between">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} aria-live="polite">
              {copied ? 'Copied' : 'Copy secret'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>I have stored it</Button>
      </Group>
    </Stack>
  );
}
