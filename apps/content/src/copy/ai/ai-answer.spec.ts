import { describe, expect, it } from '@jest/globals';
import { InvalidAiAnswerError, parseAiAnswer } from './ai-answer.js';

const item = (platform: string, variant: number, text: string, extra: object = {}) => ({
  platform,
  variant,
  title: null,
  text,
  hashtags: [],
  altText: null,
  tags: null,
  ...extra,
});

describe("the model's answer", () => {
  it('is repaired: trimmed, hashtags moved out of the text and normalised', () => {
    const content = JSON.stringify({
      items: [
        item('x', 1, '  A mug for slow mornings #coffee #Slow_Living  ', { hashtags: ['hand made', '#mug'] }),
      ],
    });
    const drafts = parseAiAnswer(content, ['x'], 1);
    const draft = drafts.get('x#1');
    expect(draft).toMatchObject({ body: 'A mug for slow mornings', tags: [] });
    expect(draft?.hashtags?.map((tag) => tag.toLowerCase())).toEqual([
      'handmade',
      'mug',
      'coffee',
      'slowliving',
    ]);
  });

  it.each([
    ['not JSON', '{"items": [', /not JSON/],
    ['no items', '{"copy": []}', /no items/],
    ['a missing variant', JSON.stringify({ items: [item('x', 1, 'one')] }), /x variant 2/],
    ['an empty text', JSON.stringify({ items: [item('x', 1, ' '), item('x', 2, 'two')] }), /x variant 1/],
    ['an empty answer', '', /empty/],
  ])('is rejected when it has %s', (_name, content, reason) => {
    expect(() => parseAiAnswer(content, ['x'], 2)).toThrow(InvalidAiAnswerError);
    expect(() => parseAiAnswer(content, ['x'], 2)).toThrow(reason);
  });
});
