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

const SCRIPT_LD = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/gi;
const META = /<meta\b[^>]*>/gi;
const ATTRIBUTE = /([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const TITLE = /<title\b[^>]*>([\s\S]*?)<\/title>/i;

/** Reads a page's product: JSON-LD Product first, then Open Graph / product meta tags, then <title>. */
export function readPageProduct(html: string, pageUrl: string): PageProduct {
  const ld = findLdProduct(html);
  const meta = readMeta(html);
  const offer = firstObject(ld?.offers);
  const images = [...asStrings(ld?.image), ...(meta.get('og:image') ?? [])]
    .map((image) => absoluteHttpUrl(image, pageUrl))
    .filter((image): image is string => image !== null);
  const first = (...values: Array<unknown>) => values.map(cleanText).find((value) => value !== null) ?? null;
  return {
    title: first(ld?.name, meta.get('og:title')?.[0], meta.get('twitter:title')?.[0], TITLE.exec(html)?.[1]),
    description: first(ld?.description, meta.get('og:description')?.[0], meta.get('description')?.[0]),
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
    brand: first(nameOf(ld?.brand), meta.get('product:brand')?.[0], meta.get('og:site_name')?.[0]),
    sku: first(ld?.sku, ld?.mpn, meta.get('product:retailer_item_id')?.[0]),
    images: [...new Set(images)].slice(0, 20),
  };
}

function findLdProduct(html: string): Json | null {
  for (const match of html.matchAll(SCRIPT_LD)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(match[1].trim());
    } catch {
      continue;
    }
    const product = flatten(parsed).find((node) => typeIncludes(node['@type'], 'Product'));
    if (product) return product;
  }
  return null;
}

/** Every object of a JSON-LD document, through arrays and @graph. */
function flatten(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Json;
  return [node, ...flatten(node['@graph'])];
}

function typeIncludes(type: unknown, wanted: string): boolean {
  return Array.isArray(type) ? type.includes(wanted) : type === wanted;
}

function readMeta(html: string): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  for (const [tag] of html.matchAll(META)) {
    const attributes = new Map<string, string>();
    for (const attribute of tag.matchAll(ATTRIBUTE)) {
      attributes.set(attribute[1].toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    const name = (
      attributes.get('property') ??
      attributes.get('name') ??
      attributes.get('itemprop')
    )?.toLowerCase();
    const content = attributes.get('content');
    if (name && content !== undefined) meta.set(name, [...(meta.get(name) ?? []), decodeEntities(content)]);
  }
  return meta;
}

function firstObject(value: unknown): Json | null {
  const candidate = Array.isArray(value) ? value[0] : value;
  return typeof candidate === 'object' && candidate !== null ? (candidate as Json) : null;
}

function nameOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as Json).name : value;
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(asStrings);
  if (typeof value === 'object' && value !== null) return asStrings((value as Json).url);
  return [];
}

function cleanText(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const text = decodeEntities(value.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
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

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}
