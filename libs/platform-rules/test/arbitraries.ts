import fc from 'fast-check';

/** Product-like text: words, emoji and ZWJ sequences, CJK, RTL, very long words, URLs, hashtags, odd graphemes. */
export const fragment = fc.oneof(
  fc.constantFrom('mug', 'Stoneware', 'hand-made', "don't", 'café', 'naïve', '50%', 'AT&T', '—', '...'),
  fc.constantFrom('👍', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇯🇵', '❤️', 'e\u0301', '☕'),
  fc.constantFrom('日本製のマグカップ', '手工制作', '陶器', '안녕하세요', 'ผลิตภัณฑ์'),
  fc.constantFrom('مرحبا بالعالم', 'שלום עולם', 'کوزه'),
  fc.constantFrom('https://example.com/p/123?utm_source=x', 'http://shop.example.org/a-b', 'example.com'),
  fc.constantFrom('#handmade', '#日本', '#ad', '@maker'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.integer({ min: 20, max: 400 }).map((length) => 'x'.repeat(length)),
);

export const productText = fc
  .array(fc.tuple(fragment, fc.constantFrom(' ', ' ', '\n', ', ', '')), { maxLength: 120 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));
