/** The columns a conversion copies from its click (or its link): where the sale came from. */
export const ATTRIBUTION_COLUMNS = [
  'link_id',
  'post_id',
  'target_id',
  'campaign_id',
  'connection_id',
  'variant',
  'product_id',
  'platform',
  'utm_source',
  'utm_campaign',
  'country',
  'device',
  'browser',
  'os',
  'referrer_domain',
] as const;

/**
 * Copies the stored click's attributes onto the unattributed conversions that name it, among those `where`
 * selects (a condition on `v`, the conversion). A sale and its click's batch may commit in either order, so
 * both sides run this once their own write has COMMITTED, each in a statement of its own: whichever commits
 * second then sees the other in its fresh snapshot, and none is left unattributed. Inside the writing
 * statement (or transaction) it could miss a sale committed while that write was running.
 */
export function attachClicksSql(where: string, returning = ''): string {
  return `UPDATE conversions v SET ${ATTRIBUTION_COLUMNS.map((c) => `${c} = c.${c}`).join(', ')}, updated_at = now()
    FROM clicks c
    WHERE c.id = v.click_id AND c.workspace_id = v.workspace_id AND v.link_id IS NULL AND ${where}
    ${returning ? `RETURNING ${returning}` : ''}`;
}
