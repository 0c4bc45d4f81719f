import { describe, expect, it } from '@jest/globals';
import { hasFilters, parseReportFilters, postLabel, withFilter } from './filters';

const CAMPAIGN = '0b6f3c8e-8a43-4c1e-9d7e-2f4a5b6c7d8e';
const POST = '7d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a';

describe('analytics filters in the address', () => {
  it('keeps well-formed ids and a variant of the chosen post', () => {
    expect(
      parseReportFilters({ campaignId: CAMPAIGN.toUpperCase(), postId: POST, variant: ' B ', by: 'post' }),
    ).toEqual({ campaignId: CAMPAIGN, postId: POST, variant: 'B' });
  });

  it('leaves out what the API would refuse, and a variant without its post', () => {
    expect(parseReportFilters({ campaignId: 'spring', connectionId: 42, postId: '' })).toEqual({});
    expect(parseReportFilters({ variant: 'A' })).toEqual({});
    expect(parseReportFilters({ postId: POST, variant: 'x'.repeat(51) })).toEqual({ postId: POST });
  });

  it('drops the variant when the post changes or goes, and clears a filter set to nothing', () => {
    const filters = { campaignId: CAMPAIGN, postId: POST, variant: 'A' };
    expect(withFilter(filters, 'postId', '11111111-2222-4333-8444-555555555555')).toEqual({
      campaignId: CAMPAIGN,
      postId: '11111111-2222-4333-8444-555555555555',
    });
    expect(withFilter(filters, 'postId', null)).toEqual({ campaignId: CAMPAIGN });
    expect(withFilter(filters, 'variant', 'B')).toEqual({ ...filters, variant: 'B' });
    expect(withFilter(filters, 'campaignId', null)).toEqual({ postId: POST, variant: 'A' });
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ variant: 'A' })).toBe(true);
  });

  it('names a post by the start of its caption and its platforms', () => {
    const target = (platform: string, text: string, title: string | null = null) => ({
      platform,
      text,
      title,
    });
    expect(
      postLabel({
        id: POST,
        targets: [
          target('instagram', 'Our linen tote is back, in three new colours and a bigger size'),
          target('pinterest', 'Linen tote'),
        ],
      }),
    ).toBe('Our linen tote is back, in three new co… (instagram, pinterest)');
    expect(postLabel({ id: POST, targets: [target('youtube', 'long text', 'Tote review')] })).toBe(
      'Tote review (youtube)',
    );
    expect(postLabel({ id: POST, targets: [] })).toBe('Post 7d1e2f3a');
  });
});
