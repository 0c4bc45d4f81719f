import type { TargetOptions } from '@app/contracts';
import { findHttpUrls, isHttpUrl, isSameUrl, replaceHttpUrl } from '@app/platform-rules';
import type { LinkField } from '../providers/provider.js';

// Where a post target's tracked link goes, decided once here for drafting, the post view and publishing.
// A target has at most one tracked link (analytics makes one per target), so it has one destination:
//   1. the platform's link field when the user filled it with an http(s) URL (Pinterest's or Facebook's
//      options.link);
//   2. else the product's URL, when the text contains it;
//   3. else the first http(s) URL of the text;
//   4. else, where the platform always sends a link (a pin), the product's URL;
//   5. else none: a text without a URL on a platform without a link field gets no link.
// What is published: every occurrence of the destination in the text becomes the short link (other URLs stay as
// written), and so does the link field (a pin's link is set to it even when the user left it empty).

/** Analytics stores destinations of at most this many characters. */
export const MAX_DESTINATION_LENGTH = 2000;

/** What decides a target's destination. */
export interface DestinationSources {
  text: string;
  options: TargetOptions;
  /** False when the post or the target opted out. */
  tracking: boolean;
  /** The post's product's URL, when it has one. */
  productUrl: string | null;
  linkField: LinkField | undefined;
}

/** The URL the target's tracked link leads to (see the rules above); null when it gets no link. */
export function destinationOf(target: DestinationSources): string | null {
  if (!target.tracking) return null;
  const field = fieldLinkOf(target.options, target.linkField);
  if (field) return field;
  const urls = findHttpUrls(target.text).map((found) => found.url);
  const { productUrl } = target;
  if (productUrl && urls.some((url) => isSameUrl(url, productUrl))) return productUrl;
  if (urls.length > 0) return urls[0]!;
  if (productUrl && target.linkField?.isFilledByDefault) return productUrl;
  return null;
}

/** The text and options as published: the destination replaced by the short link, wherever it appears. */
export function withShortLink(
  target: { text: string; options: TargetOptions },
  linkField: LinkField | undefined,
  destination: string | null,
  shortUrl: string | null,
): { text: string; options: TargetOptions } {
  if (destination === null || shortUrl === null) return { text: target.text, options: target.options };
  const text = replaceHttpUrl(target.text, destination, shortUrl);
  if (!linkField) return { text, options: target.options };
  const field = fieldLinkOf(target.options, linkField);
  const isFieldTheLink = field !== null ? isSameUrl(field, destination) : linkField.isFilledByDefault;
  return {
    text,
    options: isFieldTheLink ? { ...target.options, [linkField.option]: shortUrl } : target.options,
  };
}

/** A campaign's name as `utm_campaign`: lower-case ASCII letters and digits between single dashes. */
export function campaignSlug(name: string): string | undefined {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? undefined : slug;
}

function fieldLinkOf(options: TargetOptions, field: LinkField | undefined): string | null {
  if (!field) return null;
  const value = options[field.option];
  return typeof value === 'string' && isHttpUrl(value.trim()) ? value.trim() : null;
}
