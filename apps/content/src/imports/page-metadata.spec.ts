import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { readPageProduct } from './page-metadata.js';

const PAGE_URL = 'https://shop.example/p/lamp';
const TIMING_FIXTURE = fileURLToPath(new URL('./page-metadata-timing.fixture.ts', import.meta.url));
const execFileAsync = promisify(execFile);

describe('readPageProduct', () => {
  it('reads Open Graph, product and itemprop meta tags in any quoting and case, entities decoded', () => {
    const page = `<html><HEAD><TITLE>Shop &ndash; Lamp</TITLE>
      <META PROPERTY='og:title' CONTENT='Brass &amp; Glass Lamp'>
      <meta property=og:description content="Warm light &#x2014; &quot;hand made&quot;">
      <meta property="product:price:amount" content="89.50"><meta property="product:price:currency" content="eur">
      <meta property="product:brand" content="Lumen"><meta property="product:retailer_item_id" content="BL-1">
      <meta property="og:image" content="/a.jpg"><meta property="og:image" content="https://cdn.example/b.jpg"/>
      <meta property="og:image" content="javascript:alert(1)">
      <!-- <meta property="og:title" content="commented out"> -->
      </head><body><p>Body <b>text</b></p></body></html>`;
    expect(readPageProduct(page, PAGE_URL)).toEqual({
      title: 'Brass & Glass Lamp',
      description: 'Warm light \u2014 "hand made"',
      price: '89.50',
      currency: 'eur',
      brand: 'Lumen',
      sku: 'BL-1',
      images: ['https://shop.example/a.jpg', 'https://cdn.example/b.jpg'],
    });
  });

  it('falls back to twitter:title, the description meta, og price tags, the site name and <title>', () => {
    const withTwitter = `<head><title>Ignored</title><meta name="twitter:title" content="Twitter Lamp">
      <meta name="description" content="Plain description"><meta property="og:price:amount" content="12">
      <meta property="og:price:currency" content="USD"><meta property="og:site_name" content="Lamp Shop"></head>`;
    expect(readPageProduct(withTwitter, PAGE_URL)).toMatchObject({
      title: 'Twitter Lamp',
      description: 'Plain description',
      price: '12',
      currency: 'USD',
      brand: 'Lamp Shop',
    });
    expect(readPageProduct('<title> Only  the &lt;title&gt; </title>', PAGE_URL).title).toBe(
      'Only the <title>',
    );
  });

  it('prefers a JSON-LD Product, found in the body too, its markup reduced to text', () => {
    const page = `<head><meta property="og:title" content="OG title"></head><body>
      <script type="application/ld+json">{ not json</script>
      <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":["Product","Thing"],
        "name":"Brass &amp; Lamp","description":"<p>Warm</p><p>light</p>","mpn":"M-7",
        "image":[{"url":"/img/1.jpg"},"https://cdn.example/2.jpg"],"brand":"Lumen",
        "offers":[{"lowPrice":19.5,"priceCurrency":"GBP"}]}]</script>
      <meta itemprop="price" content="1"></body>`;
    expect(readPageProduct(page, PAGE_URL)).toEqual({
      title: 'Brass & Lamp',
      description: 'Warm light',
      price: '19.5',
      currency: 'GBP',
      brand: 'Lumen',
      sku: 'M-7',
      images: ['https://shop.example/img/1.jpg', 'https://cdn.example/2.jpg'],
    });
  });

  it('ignores JSON-LD nested deeper than any product page, instead of overflowing the stack', () => {
    const depth = 200_000;
    const page = `<meta property="og:title" content="Lamp"><script type="application/ld+json">${'['.repeat(depth)}{"@type":"Product","name":"Deep"}${']'.repeat(depth)}</script>`;
    expect(readPageProduct(page, PAGE_URL).title).toBe('Lamp');
  });

  it('reads an adversarial 2 MB page in well under a second, whatever its shape', async () => {
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', TIMING_FIXTURE],
      { timeout: 60_000, maxBuffer: 1024 * 1024 },
    );
    const timings = JSON.parse(stdout) as Record<string, number>;
    expect(Object.keys(timings)).toHaveLength(7);
    // The former regular expressions took minutes on the first shape; the tokenizer takes tens of milliseconds.
    for (const [shape, milliseconds] of Object.entries(timings)) {
      expect({ shape, isUnderASecond: milliseconds < 1000 }).toEqual({ shape, isUnderASecond: true });
    }
  }, 90_000);
});
