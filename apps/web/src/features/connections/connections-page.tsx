import { Alert, Button, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { useMe } from '../../lib/me';
import {
  type Connection,
  type OAuthPlatform,
  type Platform,
  useAuthorize,
  useConnections,
  usePlatforms,
} from './api';
import { AddConnectionForm, type DirectPlatform } from './add-connection-form';
import { ConnectionCard } from './connection-card';

export function ConnectionsPage() {
  const connections = useConnections();
  const [adding, addDialog] = useDisclosure(false);
  const [direct, setDirect] = useState<DirectPlatform>('webhook');
  const open = (platform: DirectPlatform) => {
    setDirect(platform);
    addDialog.open();
  };
  return (
    <>
      <PageHeader
        title="Connections"
        description="The accounts and channels Shopcast posts to, each with its own time zone and safety limits."
        actions={
          <>
            <GuardedButton requires="write" variant="default" onClick={() => open('webhook')}>
              Add webhook
            </GuardedButton>
            <GuardedButton requires="write" variant="default" onClick={() => open('manual')}>
              Add manual channel
            </GuardedButton>
          </>
        }
      />
      <Stack gap="lg">
        <ReturnFromPlatform connections={connections.data} />
        <ConnectPlatforms />
        <section aria-labelledby="connections-title">
          <Title order={2} size="h4" id="connections-title" mb="sm">
            Your connections
          </Title>
          <QueryState query={connections} label="connections">
            {(list) =>
              list.length === 0 ? (
                <EmptyState title="Nothing connected yet">
                  Connect an account above, or add a webhook (Zapier, Make, n8n) or a manual channel to post
                  by hand.
                </EmptyState>
              ) : (
                <Stack gap="md">
                  {list.map((connection) => (
                    <ConnectionCard key={connection.id} connection={connection} />
                  ))}
                </Stack>
              )
            }
          </QueryState>
        </section>
      </Stack>
      <Modal
        opened={adding}
        onClose={addDialog.close}
        title={direct === 'webhook' ? 'Add a webhook connection' : 'Add a manual channel'}
      >
        <AddConnectionForm platform={direct} onDone={addDialog.close} />
      </Modal>
    </>
  );
}

/** After OAuth the platform sends the browser back here with `?connected=<id>` or `?error=<reason>`. */
function ReturnFromPlatform({ connections }: { connections?: Connection[] }) {
  const platforms = usePlatforms();
  const me = useMe();
  const search = useSearch({ strict: false });
  const navigate = useNavigate();
  const dismiss = () => void navigate({ to: '/connections', search: {}, replace: true });
  if (search.error) {
    return (
      <Alert
        color="red.9"
        variant="outline"
        title="The account was not connected"
        role="alert"
        withCloseButton
        closeButtonLabel="Dismiss"
        onClose={dismiss}
      >
        {search.error}
      </Alert>
    );
  }
  if (!search.connected) return null;
  const connection = connections?.find((candidate) => candidate.id === search.connected);
  const platformName = platforms.data?.find((platform) => platform.platform === connection?.platform)?.name;
  const workspace = me.data?.workspace.name;
  return (
    <Alert
      color="teal.9"
      variant="outline"
      title="Account connected"
      role="status"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismiss}
    >
      {connection
        ? `${connection.accountName ?? connection.name} on ${platformName ?? connection.platform} is ready to post in the workspace ${workspace ?? 'open now'}.`
        : 'The account was connected to another of your workspaces than the one open now: switch workspace to see it.'}
    </Alert>
  );
}

function ConnectPlatforms() {
  const platforms = usePlatforms();
  const authorize = useAuthorize();
  const workspace = useMe().data?.workspace.name;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="connect-title">
      <Title order={2} size="h4" id="connect-title" mb={4}>
        Connect an account
      </Title>
      <Text size="sm" mb={4} id="connect-workspace">
        Accounts you connect here join the workspace <strong>{workspace ?? '…'}</strong>, for its members to
        post to.
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        You sign in at the platform and approve Shopcast, in this browser; then you come back here.
      </Text>
      <QueryState query={platforms} label="platforms">
        {(list) => (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            {list
              .filter((platform) => platform.connectWith === 'oauth')
              .map((platform) => (
                <ConnectButton
                  key={platform.platform}
                  platform={platform}
                  isPending={authorize.isPending && authorize.variables === platform.platform}
                  onConnect={() => authorize.mutate(platform.platform as OAuthPlatform)}
                />
              ))}
          </SimpleGrid>
        )}
      </QueryState>
    </Paper>
  );
}

function ConnectButton({
  platform,
  isPending,
  onConnect,
}: {
  platform: Platform;
  isPending: boolean;
  onConnect: () => void;
}) {
  if (!platform.isConfigured) {
    return (
      <Stack gap={2}>
        <Button variant="default" disabled fullWidth aria-describedby={`not-configured-${platform.platform}`}>
          Connect {platform.name}
        </Button>
        <Text size="xs" c="dimmed" id={`not-configured-${platform.platform}`}>
          Not set up on this server: its app keys are missing from the configuration.
        </Text>
      </Stack>
    );
  }
  return (
    <GuardedButton
      requires="write"
      fullWidth
      loading={isPending}
      onClick={onConnect}
      aria-describedby="connect-workspace"
    >
      Connect {platform.name}
    </GuardedButton>
  );
}
