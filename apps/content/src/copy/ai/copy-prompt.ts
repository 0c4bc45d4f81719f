import type { CopyLanguage, CopyTone } from '@app/contracts';
import { type Platform, rulesFor, textMax } from '@app/platform-rules';
import type { ProductFacts } from '../product-facts.js';

/** What the model is asked for: every platform with its number of variants. */
export interface AiCopyRequest {
  /** Whose tokens these are. */
  workspaceId: string;
  facts: ProductFacts;
  platforms: readonly Platform[];
  variants: number;
  tone: CopyTone;
  language: CopyLanguage;
  callToAction?: string;
  hashtagTarget: (platform: Platform) => number;
}

export const RESPONSE_SCHEMA_NAME = 'shopcast_copy';

const LANGUAGE_NAMES: Readonly<Record<CopyLanguage, string>> = { en: 'English' };

/** The JSON schema of the answer (strict structured output: every field required, null where unused). */
export function responseFormat(platforms: readonly Platform[]) {
  const nullableString = { type: ['string', 'null'] };
  return {
    type: 'json_schema' as const,
    json_schema: {
      name: RESPONSE_SCHEMA_NAME,
      strict: true,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['platform', 'variant', 'title', 'text', 'hashtags', 'altText', 'tags'],
              properties: {
                platform: { type: 'string', enum: [...platforms] },
                variant: { type: 'integer' },
                title: nullableString,
                text: { type: 'string' },
                hashtags: { type: 'array', items: { type: 'string' } },
                altText: nullableString,
                tags: { type: ['array', 'null'], items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}

/** System and user messages: the rules, then the product facts and targets as JSON. */
export function promptMessages(request: AiCopyRequest) {
  const system = [
    'You write ready-to-post social media and marketplace copy for a product.',
    'Use only the product facts given. Never invent features, materials, prices, discounts, reviews or claims.',
    `Write in ${LANGUAGE_NAMES[request.language]} with a ${request.tone} tone.`,
    'Answer with JSON matching the schema: one item per platform and variant (variants numbered from 1).',
    '`text` is the post body only: no hashtags, no links and no advertising disclosure; the system adds those.',
    'Put hashtag ideas (without #) in `hashtags`, taken from the product facts.',
    'Variants of one platform must differ in their hook, their benefit and their call to action.',
    'Platform rules (leave room for a link, hashtags and a disclosure):',
    ...request.platforms.map((platform) => `- ${ruleLine(platform, request.hashtagTarget(platform))}`),
  ].join('\n');
  const user = JSON.stringify({
    product: {
      title: request.facts.title,
      description: request.facts.description,
      price: request.facts.price,
      category: request.facts.category,
      tags: request.facts.tags,
    },
    targets: request.platforms.map((platform) => ({ platform, variants: request.variants })),
    ...(request.callToAction && { callToAction: request.callToAction }),
  });
  return [
    { role: 'system' as const, content: system },
    { role: 'user' as const, content: user },
  ];
}

function ruleLine(platform: Platform, hashtags: number): string {
  const rules = rulesFor(platform);
  const parts = [`${platform}: text at most ${Math.floor(textMax(rules, true) * 0.7)} characters`];
  if (rules.title) parts.push(`title (required) at most ${rules.title.max} characters`);
  if (rules.altText) parts.push(`altText (required) at most ${rules.altText.max} characters`);
  if (rules.tags) parts.push('tags (required): short keyword phrases');
  parts.push(hashtags > 0 ? `about ${hashtags} hashtags` : 'no hashtags');
  if (platform === 'x') parts.push('emoji and CJK characters count double');
  return parts.join('; ');
}
