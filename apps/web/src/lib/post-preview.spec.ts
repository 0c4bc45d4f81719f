import { describe, expect, it } from '@jest/globals';
import { fittingPrefix, previewTarget, splitHashtags } from './post-preview';
import { rulesFor } from '@app/platform-rules';

describe('post preview', () => {
  it('counts X text by its weighted length, with a URL as 23 and an emoji as 2', () => {
    const preview = previewTarget('x', {
      text: 'Mug 👍 https://example.com/a/very/long/path #gift',
      hasMedia: false,
    });
    const weighted = preview.counters.find((counter) => counter.label === 'X weighted length');
    expect(weighted).toEqual({
      label: 'X weighted length',
      value: 4 + 2 + 1 + 23 + 6,
      limit: 280,
      isOver: false,
    });
    expect(preview.counters.find((counter) => counter.label === 'Hashtags')?.value).toBe(1);
    expect(preview.violations).toEqual([]);
    expect(preview.overflowAt).toBeNull();
  });

  it('names the broken rule and marks where an over-long X post stops fitting', () => {
    const text = `${'a'.repeat(279)}😀 more`;
    const preview = previewTarget('x', { text, hasMedia: false });
    expect(preview.violations.map((violation) => violation.rule)).toEqual(['x.text.max']);
    expect(preview.counters[0]).toMatchObject({ value: 286, isOver: true });
    // The emoji weighs 2 and would make 281: the text fits up to just before it.
    expect(preview.overflowAt).toBe(279);
  });

  it('never cuts inside a surrogate pair', () => {
    expect(fittingPrefix('😀😀😀', rulesFor('instagram'), 2)).toBe(4);
  });

  it('checks hashtag caps and Pinterest titles with the server rules', () => {
    const tags = Array.from({ length: 31 }, (_, index) => `#tag${index}`).join(' ');
    expect(previewTarget('instagram', { text: tags, hasMedia: true }).violations[0]?.rule).toBe(
      'instagram.hashtags.max',
    );
    const pin = previewTarget('pinterest', { text: 'Nice', title: 't'.repeat(101), hasMedia: true });
    expect(pin.violations.map((violation) => violation.rule)).toEqual(['pinterest.title.max']);
    expect(pin.counters.find((counter) => counter.label === 'Title')).toMatchObject({
      value: 101,
      limit: 100,
    });
  });

  it('counts graphemes beside a platform count that differs, and has no limits for webhook and manual', () => {
    const family = '👨‍👩‍👧';
    const tiktok = previewTarget('tiktok', { text: family, hasMedia: true });
    expect(tiktok.counters.map((counter) => [counter.label, counter.value])).toEqual([
      ['Length as TikTok counts', 8],
      ['Characters', 1],
      ['Hashtags', 0],
    ]);
    const hook = previewTarget('webhook', { text: 'x'.repeat(20_000), hasMedia: false });
    expect(hook.rules).toBeNull();
    expect(hook.violations).toEqual([]);
    expect(hook.counters.every((counter) => counter.limit === null)).toBe(true);
  });

  it('splits hashtags out of the text for display', () => {
    expect(splitHashtags('Hi #mug and #gift_idea!')).toEqual([
      { text: 'Hi ', isHashtag: false },
      { text: '#mug', isHashtag: true },
      { text: ' and ', isHashtag: false },
      { text: '#gift_idea', isHashtag: true },
      { text: '!', isHashtag: false },
    ]);
  });
});
