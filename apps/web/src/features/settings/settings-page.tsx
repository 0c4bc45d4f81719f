import { Anchor, Tabs, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../components/page-header';
import { BrandSettings } from './brand-settings';
import { PublishingSettings } from './publishing-settings';
import { WebhooksSettings } from './webhooks-settings';

export function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          <Text component="span" size="sm" c="dimmed">
            How this workspace looks, publishes and tells other tools what happened. People and roles are
            under{' '}
            <Anchor component={Link} to="/settings/members">
              Members
            </Anchor>
            ; your own account under{' '}
            <Anchor component={Link} to="/settings/profile">
              Profile
            </Anchor>
            .
          </Text>
        }
      />
      <Tabs defaultValue="brand" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="brand">Brand</Tabs.Tab>
          <Tabs.Tab value="publishing">Publishing</Tabs.Tab>
          <Tabs.Tab value="webhooks">Webhooks</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="brand">
          <BrandSettings />
        </Tabs.Panel>
        <Tabs.Panel value="publishing">
          <PublishingSettings />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks">
          <WebhooksSettings />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
