import { Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { AnchorLink } from '../../components/anchor-link';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { type Campaign, useCampaigns } from './api';
import { CampaignForm } from './campaign-form';
import { CampaignStatusBadge } from './campaign-status';
import { describeSchedule, formatInZone } from './schedule';

export function CampaignsPage() {
  const campaigns = useCampaigns();
  const navigate = useNavigate();
  const [creating, createDialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="A posting schedule over some connections: each post added to a campaign takes its next free slot."
        actions={
          <GuardedButton requires="write" onClick={createDialog.open}>
            New campaign
          </GuardedButton>
        }
      />
      <QueryState query={campaigns} label="campaigns">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title="No campaigns yet"
              actions={
                <GuardedButton requires="write" onClick={createDialog.open}>
                  Create a campaign
                </GuardedButton>
              }
            >
              Pick connections, days and times of day; then add posts to the campaign from Compose and they
              fill its slots.
            </EmptyState>
          ) : (
            <Stack gap="sm">
              {list.map((campaign) => (
                <CampaignSummary key={campaign.id} campaign={campaign} />
              ))}
            </Stack>
          )
        }
      </QueryState>
      <Modal opened={creating} onClose={createDialog.close} title="New campaign" size="lg">
        <CampaignForm
          onSaved={(campaign) => {
            createDialog.close();
            void navigate({ to: '/campaigns/$campaignId', params: { campaignId: campaign.id } });
          }}
        />
      </Modal>
    </>
  );
}

function CampaignSummary({ campaign }: { campaign: Campaign }) {
  return (
    <Paper withBorder p="md" radius="md" component="article">
      <Title order={2} size="h5" style={{ overflowWrap: 'anywhere' }}>
        <AnchorLink to="/campaigns/$campaignId" params={{ campaignId: campaign.id }}>
          {campaign.name}
        </AnchorLink>
      </Title>
      <Text size="sm">
        <CampaignStatusBadge status={campaign.status} /> {describeSchedule(campaign.schedule)}
      </Text>
      <Text size="sm" c="dimmed">
        {campaign.connectionIds.length} connection{campaign.connectionIds.length === 1 ? '' : 's'}
        {campaign.templates.length > 0 &&
          campaign.productIds.length > 0 &&
          ` · fills itself from ${campaign.templates.length} template${campaign.templates.length === 1 ? '' : 's'} and ${campaign.productIds.length} product${campaign.productIds.length === 1 ? '' : 's'}`}
        {campaign.nextFreeSlotAt &&
          ` · next free slot ${formatInZone(campaign.nextFreeSlotAt, campaign.schedule.timezone)}`}
      </Text>
    </Paper>
  );
}
