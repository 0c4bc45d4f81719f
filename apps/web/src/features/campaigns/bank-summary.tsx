import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { type Campaign, useBankProducts } from './api';
import { formatInZone } from './schedule';

/** The bank as it is: its templates with their labels, its products, and how it rotates them. */
export function BankSummary({ campaign }: { campaign: Campaign }) {
  const products = useBankProducts(campaign.productIds);
  const zone = campaign.schedule.timezone;
  if (campaign.templates.length === 0 && campaign.productIds.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No bank yet. Add copy templates and products, and the campaign drafts its own posts into its slots,
        rotating them.
      </Text>
    );
  return (
    <Stack gap="sm">
      <BankList
        title="Templates"
        items={campaign.templates.map((template) => ({
          key: template.variant,
          content: (
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="outline" color="dark" style={{ flexShrink: 0 }}>
                {template.variant}
              </Badge>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {template.text}
              </Text>
            </Group>
          ),
        }))}
      />
      <BankList
        title="Products"
        items={campaign.productIds.map((id) => {
          const product = products.get(id);
          return {
            key: id,
            content:
              product === undefined
                ? 'Loading…'
                : product === null
                  ? 'A product no longer in the catalog (left out of the rotation)'
                  : product.title,
          };
        })}
      />
      <Text size="sm">
        {rotationOf(campaign)}
        {campaign.endsAt && ` Ends ${formatInZone(campaign.endsAt, zone)} (${zone}).`}
      </Text>
      {(campaign.filledUntil || campaign.bankUsedUpAt) && (
        <Text size="sm" c="dimmed">
          {campaign.bankUsedUpAt
            ? `Every template went out with every product (${formatInZone(campaign.bankUsedUpAt, zone)}).`
            : `Slots filled until ${formatInZone(campaign.filledUntil as string, zone)}.`}
        </Text>
      )}
    </Stack>
  );
}

/** One half of the bank, titled, or why it fills nothing yet. */
function BankList({ title, items }: { title: string; items: Array<{ key: string; content: ReactNode }> }) {
  return (
    <>
      <Title order={3} size="h6">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet: the bank fills nothing without one.
        </Text>
      ) : (
        <List spacing={4} size="sm" aria-label={title}>
          {items.map((item) => (
            <List.Item key={item.key} style={{ overflowWrap: 'anywhere' }}>
              {item.content}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}

const counted = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** The rotation settings in a sentence. */
export function rotationOf(campaign: Campaign): string {
  const after =
    campaign.whenBankUsedUp === 'repeat' ? 'it goes round again' : 'it stops, and the campaign completes';
  const gap =
    campaign.minGapHours === 0
      ? 'a product may come back in the next slot'
      : `a connection gets the same product at most every ${counted(campaign.minGapHours, 'hour')}`;
  return `Fills its slots ${counted(campaign.fillAheadDays, 'day')} ahead; ${gap}; once every template went out with every product, ${after}.`;
}
