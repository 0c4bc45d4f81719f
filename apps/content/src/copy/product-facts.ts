import type { ProductEntity } from '../products/product.entity.js';

/** What copy may say about a product: only what the seller entered, nothing invented. */
export interface ProductFacts {
  id: string;
  title: string;
  description: string | null;
  /** The price formatted for its currency (`$28.00`), or null when unknown. */
  price: string | null;
  /** The price in major units (28 for 2800 cents), for price-band hashtags. */
  priceMajor: number | null;
  category: string | null;
  tags: string[];
  destinationUrl: string | null;
  /** A commission rate or an affiliate link: the copy must carry a disclosure. */
  isAffiliate: boolean;
}

// Query parameters and hosts that mark a link as an affiliate link (Amazon `tag`, ShareASale, Awin, ...).
const AFFILIATE_PARAMS =
  /^(aff|aff_?id|affiliate(_?id)?|tag|ref|ref_?id|referral|partner(_?id)?|clickref|irclickid)$/i;
const AFFILIATE_HOSTS =
  /(^|\.)(amzn\.to|shareasale\.com|awin1\.com|clickbank\.net|go\.skimresources\.com|click\.linksynergy\.com|anrdoezrs\.net|jdoqocy\.com|tkqlhce\.com|dpbolvw\.net|s\.click\.aliexpress\.com)$/i;

// A `#` (or a run of them) before a word: the seller's text adds no hashtags of its own to a post.
const HASH_SIGNS = /[#＃]+(?=[\p{L}\p{M}\p{N}_])/gu;

/** The facts of a product; text without hashtag signs, so hashtags come only from the hashtag generator. */
export function productFacts(product: ProductEntity): ProductFacts {
  return {
    id: product.id,
    title: withoutHashSigns(product.title),
    description: product.description === null ? null : withoutHashSigns(product.description),
    price: formatPrice(product.priceMinor, product.currency),
    priceMajor: majorUnits(product.priceMinor, product.currency),
    category: product.category === null ? null : withoutHashSigns(product.category),
    tags: product.tags,
    destinationUrl: product.destinationUrl,
    isAffiliate: (product.commissionRate ?? 0) > 0 || isAffiliateUrl(product.destinationUrl),
  };
}

/** True for links that earn a commission: a known affiliate network or an affiliate query parameter. */
export function isAffiliateUrl(url: string | null): boolean {
  if (url === null) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (AFFILIATE_HOSTS.test(parsed.hostname)) return true;
  return [...parsed.searchParams.keys()].some((key) => AFFILIATE_PARAMS.test(key));
}

function fractionDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

function majorUnits(priceMinor: number | null, currency: string | null): number | null {
  if (priceMinor === null || currency === null) return null;
  return priceMinor / 10 ** fractionDigits(currency);
}

function formatPrice(priceMinor: number | null, currency: string | null): string | null {
  const major = majorUnits(priceMinor, currency);
  if (major === null || currency === null) return null;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(major);
}

/** `#handmade` becomes `handmade`. */
export function withoutHashSigns(text: string): string {
  return text.replace(HASH_SIGNS, '');
}
