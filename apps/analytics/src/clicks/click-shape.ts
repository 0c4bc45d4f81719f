import type { ClickRecord } from '@app/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 200;

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isOptionalUuid = (value: unknown) => value === null || isUuid(value);
const isOptionalText = (value: unknown) =>
  value === null || (typeof value === 'string' && value.length <= MAX_TEXT);

/**
 * Whether a record from the click queue has the shape the batch insert needs. Hand-written rather than
 * class-validator because it runs for every click on the ingestion path.
 */
export function isClickRecord(value: unknown): value is ClickRecord {
  if (typeof value !== 'object' || value === null) return false;
  const click = value as Record<string, unknown>;
  return (
    isUuid(click.id) &&
    isUuid(click.linkId) &&
    isUuid(click.workspaceId) &&
    typeof click.clickedAt === 'string' &&
    !Number.isNaN(Date.parse(click.clickedAt)) &&
    isOptionalUuid(click.productId) &&
    isOptionalUuid(click.postId) &&
    isOptionalUuid(click.targetId) &&
    isOptionalText(click.variant) &&
    isOptionalText(click.platform) &&
    isOptionalText(click.country) &&
    typeof click.device === 'string' &&
    click.device.length <= MAX_TEXT &&
    isOptionalText(click.browser) &&
    isOptionalText(click.os) &&
    isOptionalText(click.referrerDomain) &&
    typeof click.isBot === 'boolean' &&
    typeof click.visitorHash === 'string' &&
    click.visitorHash.length <= MAX_TEXT
  );
}
