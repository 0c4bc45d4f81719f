import { readPageTokens, textOfHtml } from './page-tokens.js';

/** What a product page says about itself in schema.org JSON-LD, Open Graph and meta tags. */
export interface PageProduct {
  title: string | null;
  description: string | null;
  price: string | null;
  currency: string | null;
  brand: string | null;
  sku: string | null;
  images: string[];
}

type Json = Record<string, unknown>;

/** Deeper JSON-LD than any real page nests (arrays, @graph, image objects); deeper is ignored, not a stack overflow. */
const MAX_JSON_DEPTH = 8;

/** Reads a page's product: JSON-LD Product first, then Open Graph / product meta tags, then <title>. */
export function readPageProduct(html: string, pageUrl: string): PageProduct {
  const { meta, title, jsonLd } = readPageTokens(html);
  const ld = findLdProduct(jsonLd);
  const offer = firstObject(ld?.offers);
  const images = [...asStrings(ld?.image), ...(meta.get('og:image') ?? [])]
    .map((image) => absoluteHttpUrl(image, pageUrl))
    .filter((image): image is string => image !== null);
  // JSON-LD strings may hold markup and entities; meta and title values are already text.
  const ldText = (value: unknown) => (typeof value === 'string' ? textOfHtml(value) : value);
  const first = (...values: Array<unknown>) => values.map(cleanText).find((value) => value !== null) ?? null;
  return {
    title: first(ldText(ld?.name), meta.get('og:title')?.[0], meta.get('twitter:title')?.[0], title),
    description: first(
      ldText(ld?.description),
      meta.get('og:description')?.[0],
      meta.get('description')?.[0],
    ),
    price: first(
      offer?.price,
      offer?.lowPrice,
      meta.get('product:price:amount')?.[0],
      meta.get('og:price:amount')?.[0],
    ),
    currency: first(
      offer?.priceCurrency,
      meta.get('product:price:currency')?.[0],
      meta.get('og:price:currency')?.[0],
    ),
    brand: first(ldText(nameOf(ld?.brand)), meta.get('product:brand')?.[0], meta.get('og:site_name')?.[0]),
    sku: first(ldText(ld?.sku), ldText(ld?.mpn), meta.get('product:retailer_item_id')?.[0]),
    images: [...new Set(images)].slice(0, 20),
  };
}

function findLdProduct(scripts: string[]): Json | null {
  for (const script of scripts) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.trim());
    } catch {
      continue;
    }
    const product = flatten(parsed).find((node) => typeIncludes(node['@type'], 'Product'));
    if (product) return product;
  }
  return null;
}

/** Every object of a JSON-LD document, through arrays and @graph. */
function flatten(value: unknown, depth = 0): Json[] {
  if (depth > MAX_JSON_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((item) => flatten(item, depth + 1));
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Json;
  return [node, ...flatten(node['@graph'], depth + 1)];
}

function typeIncludes(type: unknown, wanted: string): boolean {
  return Array.isArray(type) ? type.includes(wanted) : type === wanted;
}

function firstObject(value: unknown): Json | null {
  const candidate = Array.isArray(value) ? value[0] : value;
  return typeof candidate === 'object' && candidate !== null ? (candidate as Json) : null;
}

function nameOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as Json).name : value;
}

function asStrings(value: unknown, depth = 0): string[] {
  if (depth > MAX_JSON_DEPTH) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => asStrings(item, depth + 1));
  if (typeof value === 'object' && value !== null) return asStrings((value as Json).url, depth + 1);
  return [];
}

function cleanText(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

function absoluteHttpUrl(value: string, base: string): string | null {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
