import type { CopyTone } from '@app/contracts';
import type { Platform } from '@app/platform-rules';
import { truncateText } from '@app/platform-rules';
import type { CopyDraft } from '../copy-draft.js';
import type { ProductFacts } from '../product-facts.js';
import { hashSeed, seededOrder } from './seeded-random.js';
import { fill, type TemplateLanguage } from './template-language.js';

export interface TemplateInput {
  facts: ProductFacts;
  platform: Platform;
  tone: CopyTone;
  language: TemplateLanguage;
  /** 0-based; each variant of a set takes a different hook, benefit and call to action. */
  variant: number;
  seed: number;
  callToAction?: string;
}

/** The slots one variant fills; a family lays them out. */
interface Slots {
  hook: string;
  benefit: string;
  secondFact: string | null;
  price: string | null;
  cta: string;
  description: string | null;
  linkInBio: string | null;
}

type Shape = 'short' | 'caption' | 'listing';
type Family = (slots: Slots) => string;

const SHAPES: Readonly<Record<Platform, Shape>> = {
  x: 'short',
  threads: 'short',
  bluesky: 'short',
  mastodon: 'short',
  instagram: 'caption',
  tiktok: 'caption',
  facebook: 'caption',
  linkedin: 'caption',
  telegram: 'caption',
  pinterest: 'listing',
  youtube: 'listing',
  etsy: 'listing',
};

/** Platforms whose captions do not link: the copy points to the profile's link instead. */
const LINK_IN_BIO: ReadonlySet<Platform> = new Set(['instagram', 'tiktok']);

// A fact in a short post leaves room for the hook, the price and the call to action.
const SHORT_FACT_MAX = 110;

const line = (...parts: Array<string | null>) => parts.filter(Boolean).join(' ');
const lines = (...parts: Array<string | null>) => parts.filter(Boolean).join('\n');
const paragraphs = (...parts: Array<string | null>) => parts.filter(Boolean).join('\n\n');

/** Several layouts per shape; the seed and the variant choose one. */
const FAMILIES: Readonly<Record<Shape, readonly Family[]>> = {
  short: [
    (s) => line(s.hook, s.benefit, s.price, s.cta),
    (s) => lines(s.hook, s.benefit, line(s.price, s.cta)),
    (s) => lines(s.benefit, line(s.hook, s.price), s.cta),
  ],
  caption: [
    (s) => paragraphs(s.hook, s.benefit, lines(s.price, s.cta), s.linkInBio),
    (s) => paragraphs(s.hook, line(s.benefit, s.secondFact), line(s.price, s.cta, s.linkInBio)),
    (s) =>
      paragraphs(
        s.hook,
        lines(`• ${s.benefit}`, s.secondFact ? `• ${s.secondFact}` : null),
        s.price,
        lines(s.cta, s.linkInBio),
      ),
  ],
  listing: [
    (s) => paragraphs(s.hook, s.benefit, s.description, s.price, s.cta),
    (s) => paragraphs(s.hook, s.description, line(s.benefit, s.price), s.cta),
    (s) => paragraphs(line(s.hook, s.price), s.benefit, s.description, s.cta),
  ],
};

/**
 * One variant of template copy for a platform: deterministic for the same input and seed, built only
 * from the seller's facts and the language's phrases. Hashtags, link and disclosure are added later.
 */
export function templateDraft(input: TemplateInput): CopyDraft {
  const { facts, platform, language } = input;
  const shape = SHAPES[platform];
  const sentences = factSentences(facts.description);
  const slots = fillSlots(input, shape, sentences);
  const families = FAMILIES[shape];
  const family = families[
    (hashSeed(input.seed, platform, 'family') + input.variant) % families.length
  ] as Family;
  return {
    body: family(slots),
    title: titleFor(platform, facts),
    altText: platform === 'pinterest' ? language.altText(facts.title, facts.category) : undefined,
  };
}

function fillSlots(input: TemplateInput, shape: Shape, sentences: string[]): Slots {
  const { facts, tone, language, variant, seed, platform } = input;
  const pick = (bank: readonly string[], name: string) =>
    bank[pickIndex(bank.length, seed, platform, tone, name, variant)] as string;
  const values = { title: facts.title, category: facts.category ?? '', price: facts.price ?? '' };
  const factIndex =
    sentences.length === 0 ? -1 : pickIndex(sentences.length, seed, platform, 'fact', '', variant);
  const fact = factIndex < 0 ? null : shortFact(sentences[factIndex] as string, shape);
  const second =
    sentences.length > 1 ? shortFact(sentences[(factIndex + 1) % sentences.length] as string, shape) : null;
  return {
    hook: fill(pick(language.hooks[tone], 'hook'), values),
    benefit: fact
      ? fill(pick(language.benefits[tone], 'benefit'), { ...values, fact })
      : pick(language.noFactBenefits[tone], 'benefit'),
    secondFact: second,
    price: facts.price ? fill(pick(language.prices[tone], 'price'), values) : null,
    cta: input.callToAction ?? pick(language.ctas[tone], 'cta'),
    description: facts.description?.trim() || null,
    linkInBio: LINK_IN_BIO.has(platform) && facts.destinationUrl ? language.linkInBio : null,
  };
}

/** Variant v takes the v-th entry of a seeded order of the bank, so variants of a set never share one. */
function pickIndex(
  length: number,
  seed: number,
  platform: string,
  tone: string,
  bank: string,
  variant: number,
) {
  const order = seededOrder(length, hashSeed(seed, platform, tone, bank));
  return order[variant % length] as number;
}

/** The seller's description as sentences. */
export function factSentences(description: string | null): string[] {
  if (!description) return [];
  return description
    .split(/(?<=[.!?。！？])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 3);
}

function shortFact(sentence: string, shape: Shape): string {
  if (shape !== 'short') return sentence;
  return truncateText(sentence, SHORT_FACT_MAX, { counter: 'utf16' });
}

function titleFor(platform: Platform, facts: ProductFacts): string | undefined {
  if (platform === 'pinterest' || platform === 'youtube') return facts.title;
  if (platform === 'etsy') return facts.category ? `${facts.title} - ${facts.category}` : facts.title;
  return undefined;
}
