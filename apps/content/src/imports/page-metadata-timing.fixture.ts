// Times readPageProduct on adversarial 2 MB pages in a plain Node process (as the content service runs it,
// without Jest's module sandbox) and prints `{ shape: milliseconds }` as JSON. Run by page-metadata.spec.ts.
import { readPageProduct } from './page-metadata.js';

const TWO_MB = 2 * 1024 * 1024;

/** `unit` repeated to 2 MB after `prefix`: the size the pre-fill downloads at most. */
const twoMegabytesOf = (unit: string, prefix = '') => prefix + unit.repeat(Math.ceil(TWO_MB / unit.length));

// Each of these made the former regular expressions backtrack over the rest of the page.
const pages: Record<string, string> = {
  'meta tags never closed': twoMegabytesOf('<meta'),
  'tags never closed': twoMegabytesOf('<'),
  'one endless attribute list': twoMegabytesOf(' content=x', '<meta property="og:title"'),
  'one JSON-LD script never closed': twoMegabytesOf('{"a":', '<script type="application/ld+json">'),
  'a JSON-LD description of unclosed tags': `<script type="application/ld+json">{"@type":"Product","description":"${'<'.repeat(TWO_MB)}"}</script>`,
  'the same meta tag repeated': twoMegabytesOf('<meta property="og:image" content="/x.jpg">'),
  'stray close tags after deep nesting': '<div>'.repeat(TWO_MB / 10) + '</x>'.repeat(TWO_MB / 8),
};

const timings: Record<string, number> = {};
for (const [shape, page] of Object.entries(pages)) {
  const startedAt = performance.now();
  const product = readPageProduct(page, 'https://shop.example/p/lamp');
  timings[shape] = Math.round(performance.now() - startedAt);
  if (product.images.length > 20) throw new Error(`${shape}: ${product.images.length} images`);
}
process.stdout.write(JSON.stringify(timings));
