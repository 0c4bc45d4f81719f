import { fillTemplate, type TemplateFacts } from '@app/platform-rules';
import type { SlotBook } from '../campaigns/slot-book.js';

export interface BankTemplate {
  variant: string;
  text: string;
}

export interface BankProduct extends TemplateFacts {
  id: string;
}

/** A slot the bank filled earlier on the connection; `isLive` unless its post was cancelled or failed. */
export interface FilledSlot {
  at: Date;
  productId: string;
  variant: string;
  text: string | null;
  isLive: boolean;
}

export interface RotationInput {
  connectionId: string;
  /** The schedule's slots to fill, in time order; those the book holds are skipped. */
  slots: readonly Date[];
  /** What the campaign's posts already hold on the connection, and when each product goes there. */
  book: SlotBook;
  templates: readonly BankTemplate[];
  /** In rotation order; products the catalog no longer has are left out by the caller. */
  products: readonly BankProduct[];
  history: readonly FilledSlot[];
  minGapMs: number;
  /** `whenBankUsedUp: repeat`: a template may go out again with a product; else each pair goes out once. */
  isRepeating: boolean;
  /** Whether a product's text passes the connection's platform rules (with the media the product brings). */
  fits: (text: string, product: BankProduct) => boolean;
}

export interface Assignment {
  at: Date;
  productId: string;
  variant: string;
  text: string;
}

export interface RotationPlan {
  assignments: Assignment[];
  /** Without repeating: every pair of template and product that can go out on the connection went out. */
  isUsedUp: boolean;
}

interface Pair {
  product: BankProduct;
  template: BankTemplate;
  text: string;
}

/**
 * Fills a connection's free slots by rotation: each slot takes the product after the previous slot's (one the
 * connection got less than the minimum gap away is passed over) and, of that product's templates from the
 * one after the previous slot's on, the least used, so that every pair goes out before any goes out twice.
 * A text is never the same as the slot's neighbours'. A slot no pair fits stays empty.
 */
export function planRotation(input: RotationInput): RotationPlan {
  const { connectionId, book, products, templates } = input;
  const live = input.history.filter((slot) => slot.isLive).sort((a, b) => a.at.getTime() - b.at.getTime());
  const uses = new Map<string, number>();
  for (const slot of input.history) uses.set(pairKey(slot), (uses.get(pairKey(slot)) ?? 0) + 1);
  const pairs = usablePairs(input);
  const hasUnused = () => [...pairs.values()].some((pair) => !uses.has(pairKey(keyOf(pair))));
  const isUsedUp = () => !input.isRepeating && uses.size > 0 && !hasUnused();
  const assignments: Assignment[] = [];
  for (const at of input.slots) {
    if (isUsedUp()) break;
    if (book.isTaken(connectionId, at)) continue;
    const previous = live.findLast((slot) => slot.at < at);
    const next = live.find((slot) => slot.at > at);
    const startProduct = previous ? products.findIndex((product) => product.id === previous.productId) : -1;
    const startTemplate = previous ? templates.findIndex((item) => item.variant === previous.variant) : -1;
    let chosen: Pair | undefined;
    for (let i = 1; i <= products.length && !chosen; i += 1) {
      const product = products[(startProduct + i + products.length) % products.length];
      if (book.isTooClose(connectionId, at, { productId: product.id, gapMs: input.minGapMs })) continue;
      let fewest = Infinity;
      for (let j = 1; j <= templates.length; j += 1) {
        const template = templates[(startTemplate + j + templates.length) % templates.length];
        const pair = pairs.get(pairKey({ productId: product.id, variant: template.variant }));
        if (!pair || pair.text === previous?.text || pair.text === next?.text) continue;
        const count = uses.get(pairKey(keyOf(pair))) ?? 0;
        if ((input.isRepeating || count === 0) && count < fewest) [chosen, fewest] = [pair, count];
      }
    }
    if (!chosen) continue;
    const assignment = {
      at,
      productId: chosen.product.id,
      variant: chosen.template.variant,
      text: chosen.text,
    };
    assignments.push(assignment);
    live.splice(next ? live.indexOf(next) : live.length, 0, { ...assignment, isLive: true });
    uses.set(pairKey(assignment), (uses.get(pairKey(assignment)) ?? 0) + 1);
    book.take({ connectionId, at, productId: assignment.productId });
  }
  return { assignments, isUsedUp: isUsedUp() };
}

/** Every pair whose template the product can fill and whose text the platform takes, by pair key. */
function usablePairs(input: RotationInput): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  for (const product of input.products)
    for (const template of input.templates) {
      const text = fillTemplate(template.text, product);
      if (text !== null && input.fits(text, product))
        pairs.set(pairKey({ productId: product.id, variant: template.variant }), { product, template, text });
    }
  return pairs;
}

function keyOf(pair: Pair): { productId: string; variant: string } {
  return { productId: pair.product.id, variant: pair.template.variant };
}

function pairKey({ productId, variant }: { productId: string; variant: string }): string {
  return `${productId}\u0000${variant}`;
}
