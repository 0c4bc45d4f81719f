import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of the signed-out pages: sign-in, sign-up and the landing pages of mailed links. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md" component="main">
      <Stack w="100%" maw={420} gap="lg">
        <Stack gap={4} ta="center">
          <Text fw={800} size="xl" c="blue.8">
            Shopcast
          </Text>
          <Title order={1} size="h3">
            {title}
          </Title>
        </Stack>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
