import { describe, expect, it } from '@jest/globals';
import type { LinkField } from '../providers/provider.js';
import { campaignSlug, type DestinationSources, destinationOf, withShortLink } from './target-link.js';

const PIN: LinkField = { option: 'link', isFilledByDefault: true };
const FACEBOOK: LinkField = { option: 'link', isFilledByDefault: false };
const PRODUCT = 'https://shop.example/tote';
const SHORT = 'https://sho.pc/l/Ab3dEf7h';

const sources = (overrides: Partial<DestinationSources>): DestinationSources => ({
  text: '',
  options: {},
  tracking: true,
  productUrl: null,
  linkField: undefined,
  ...overrides,
});

describe('a target tracked link destination', () => {
  it("takes the product's URL from the text before any other URL, else the text's first URL", () => {
    const text = `Blog: https://blog.example/post, buy: ${PRODUCT}.`;
    expect(destinationOf(sources({ text, productUrl: PRODUCT }))).toBe(PRODUCT);
    expect(destinationOf(sources({ text }))).toBe('https://blog.example/post');
    expect(destinationOf(sources({ text, productUrl: 'https://shop.example/other' }))).toBe(
      'https://blog.example/post',
    );
  });

  it('gives no link without a URL in the text unless the platform always sends one, and none when opted out', () => {
    expect(destinationOf(sources({ text: 'No link', productUrl: PRODUCT }))).toBeNull();
    expect(destinationOf(sources({ text: 'No link', productUrl: PRODUCT, linkField: FACEBOOK }))).toBeNull();
    expect(destinationOf(sources({ text: 'No link', productUrl: PRODUCT, linkField: PIN }))).toBe(PRODUCT);
    expect(
      destinationOf(sources({ text: `Buy ${PRODUCT}`, productUrl: PRODUCT, tracking: false })),
    ).toBeNull();
  });

  it('takes the link field first, when it holds an http(s) URL', () => {
    const options = { link: ' https://shop.example/set ' };
    expect(
      destinationOf(sources({ text: `Buy ${PRODUCT}`, productUrl: PRODUCT, options, linkField: PIN })),
    ).toBe('https://shop.example/set');
    const notAUrl = { link: 'javascript:alert(1)' };
    expect(destinationOf(sources({ text: 'No link', options: notAUrl, linkField: FACEBOOK }))).toBeNull();
  });
});

describe('a target as published', () => {
  it('has the short link wherever the destination was, and every other URL as written', () => {
    const text = `Buy ${PRODUCT}! More: https://blog.example/post and ${PRODUCT} again`;
    expect(withShortLink({ text, options: {} }, undefined, PRODUCT, SHORT)).toEqual({
      text: `Buy ${SHORT}! More: https://blog.example/post and ${SHORT} again`,
      options: {},
    });
  });

  it("sets a pin's link even when the user left it empty, and a Facebook link only where it was the link", () => {
    const options = { boardId: '42' };
    expect(withShortLink({ text: 'Cosy', options }, PIN, PRODUCT, SHORT)).toEqual({
      text: 'Cosy',
      options: { boardId: '42', link: SHORT },
    });
    expect(withShortLink({ text: `See ${PRODUCT}`, options: {} }, FACEBOOK, PRODUCT, SHORT).options).toEqual(
      {},
    );
    expect(
      withShortLink({ text: 'See', options: { link: PRODUCT } }, FACEBOOK, PRODUCT, SHORT).options,
    ).toEqual({
      link: SHORT,
    });
  });

  it('is the target itself without a destination or before its link exists', () => {
    const target = { text: `Buy ${PRODUCT}`, options: {} };
    expect(withShortLink(target, PIN, null, SHORT)).toEqual(target);
    expect(withShortLink(target, PIN, PRODUCT, null)).toEqual(target);
  });
});

describe('a campaign slug', () => {
  it('keeps lower-case letters and digits between single dashes', () => {
    expect(campaignSlug('Été 2026 — Linen & Cotton!')).toBe('ete-2026-linen-cotton');
    expect(campaignSlug('  ***  ')).toBeUndefined();
    expect(campaignSlug('x'.repeat(120))).toHaveLength(80);
  });
});
