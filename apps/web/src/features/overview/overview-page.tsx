import { Anchor, Card, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api/client';
import { unwrap } from '../../lib/api/api-error';
import { useMe } from '../../lib/me';

/** Whether the workspace has taken each first step: a product, a connected channel, a post. */
function useFirstSteps() {
  return useQuery({
    queryKey: ['overview', 'first-steps'],
    queryFn: async () => {
      const [products, connections, posts] = await Promise.all([
        api.GET('/api/v1/products', { params: { query: { limit: 1 } } }).then(unwrap),
        api.GET('/api/v1/connections').then(unwrap),
        api.GET('/api/v1/posts', { params: { query: { limit: 1 } } }).then(unwrap),
      ]);
      return {
        hasProduct: products.items.length > 0,
        hasConnection: connections.length > 0,
        hasPost: posts.length > 0,
      };
    },
  });
}

export function OverviewPage() {
  const me = useMe();
  const steps = useFirstSteps();
  const done = steps.data;
  return (
    <>
      <PageHeader
        title={me.data ? `Welcome, ${me.data.user.name}` : 'Welcome'}
        description="Turn a product into posts everywhere, then see what earned money."
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Step number={1} isDone={done?.hasProduct} title="Add your products">
          <Anchor component={Link} to="/products/new">
            Add a product
          </Anchor>{' '}
          or{' '}
          <Anchor component={Link} to="/imports">
            import a CSV
          </Anchor>
          .
        </Step>
        <Step number={2} isDone={done?.hasConnection} title="Connect where you sell">
          <Anchor component={Link} to="/connections">
            Connect a channel
          </Anchor>
          : X, Pinterest, Facebook, Instagram, TikTok, a webhook or a manual channel.
        </Step>
        <Step number={3} isDone={done?.hasPost} title="Publish and measure">
          <Anchor component={Link} to="/compose">
            Compose a post
          </Anchor>
          , then follow clicks and sales in{' '}
          <Anchor component={Link} to="/analytics">
            Analytics
          </Anchor>
          .
        </Step>
      </SimpleGrid>
    </>
  );
}

function Step({
  number,
  title,
  isDone,
  children,
}: {
  number: number;
  title: string;
  isDone?: boolean;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={`Step ${number}: ${title}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <ThemeIcon radius="xl" color={isDone ? 'teal.9' : 'blue.8'} aria-hidden>
            {isDone ? '✓' : number}
          </ThemeIcon>
          <Text size="sm" fw={600} c={isDone ? 'teal.9' : 'dimmed'}>
            {isDone ? 'Done' : 'To do'}
          </Text>
        </Group>
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">
          {children}
        </Text>
      </Stack>
    </Card>
  );
}
