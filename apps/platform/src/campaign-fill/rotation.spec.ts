import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SlotBook } from '../campaigns/slot-book.js';
import {
  type BankProduct,
  type BankTemplate,
  type FilledSlot,
  planRotation,
  type RotationInput,
} from './rotation.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 5, 1);

const product = (id: string, title = id): BankProduct => ({
  id,
  title,
  priceMinor: 1000,
  currency: 'EUR',
  url: `https://shop.example/${id}`,
});
const slotsEvery = (hours: number, count: number) =>
  Array.from({ length: count }, (_, index) => new Date(START + (index + 1) * hours * HOUR));

function plan(input: Partial<RotationInput> & Pick<RotationInput, 'templates' | 'products'>) {
  return planRotation({
    connectionId: 'shop',
    slots: slotsEvery(12, 8),
    book: new SlotBook(),
    history: [],
    minGapMs: 0,
    isRepeating: true,
    fits: () => true,
    ...input,
  });
}

describe('bank rotation', () => {
  it('gives each slot the next product and goes through every pair before repeating one', () => {
    const templates = [
      { variant: 'A', text: 'A: {title}' },
      { variant: 'B', text: 'B: {title}' },
    ];
    const { assignments } = plan({ templates, products: [product('p1'), product('p2')] });
    expect(assignments.map((slot) => `${slot.productId}/${slot.variant}`)).toEqual([
      'p1/A',
      'p2/B',
      'p1/B',
      'p2/A',
      'p1/B',
      'p2/A',
      'p1/A',
      'p2/B',
    ]);
    expect(assignments[0].text).toBe('A: p1');
  });

  it('goes on from the last slot filled before, and skips slots the campaign already holds', () => {
    const templates: BankTemplate[] = [
      { variant: 'A', text: '{title} A' },
      { variant: 'B', text: '{title} B' },
    ];
    const history: FilledSlot[] = [
      { at: new Date(START), productId: 'p2', variant: 'A', text: 'p2 A', isLive: true },
    ];
    const slots = slotsEvery(12, 3);
    const book = new SlotBook([{ connectionId: 'shop', at: slots[1], productId: null }]);
    const { assignments } = plan({
      templates,
      products: [product('p1'), product('p2')],
      history,
      slots,
      book,
    });
    expect(assignments.map((slot) => [slot.at, slot.productId, slot.variant])).toEqual([
      [slots[0], 'p1', 'B'],
      [slots[2], 'p2', 'B'],
    ]);
  });

  it('keeps a product away from the connection for the minimum gap, leaving a slot empty if it must', () => {
    const templates = [
      { variant: 'A', text: 'A {title}' },
      { variant: 'B', text: 'B {title}' },
    ];
    const slots = slotsEvery(12, 6);
    const { assignments } = plan({ templates, products: [product('p1')], slots, minGapMs: 24 * HOUR });
    expect(assignments.map((slot) => slot.at)).toEqual([slots[0], slots[2], slots[4]]);
  });

  it('without repeating, stops once every pair went out, and says the bank is used up', () => {
    const templates = [
      { variant: 'A', text: 'A {title}' },
      { variant: 'B', text: 'B {title}' },
    ];
    const first = plan({ templates, products: [product('p1'), product('p2')], isRepeating: false });
    expect(first.assignments).toHaveLength(4);
    expect(first.isUsedUp).toBe(true);
    const fresh = plan({
      templates,
      products: [product('p1')],
      isRepeating: false,
      slots: slotsEvery(12, 1),
    });
    expect(fresh).toMatchObject({ isUsedUp: false, assignments: [{ variant: 'A' }] });
  });

  it('leaves out pairs a product cannot fill or the platform refuses, and never calls nothing used up', () => {
    const templates = [
      { variant: 'price', text: '{title} at {price}' },
      { variant: 'long', text: '{title} is a lamp with a very long story' },
    ];
    const noPrice = { ...product('p1'), priceMinor: null };
    const none = plan({
      templates,
      products: [noPrice],
      isRepeating: false,
      fits: (text) => text.length < 20,
    });
    expect(none).toEqual({ assignments: [], isUsedUp: false });
    const some = plan({ templates, products: [noPrice], isRepeating: false });
    expect(some.assignments.map((slot) => slot.variant)).toEqual(['long']);
    expect(some.isUsedUp).toBe(true);
  });

  it('never puts the same text twice in a row, nor a product closer than the gap, nor a pair twice without repeating', () => {
    const bank = fc.record({
      // Few distinct words, so that different templates and products often make the same text.
      templates: fc.uniqueArray(
        fc.record({
          variant: fc.string({ minLength: 1, maxLength: 3 }),
          text: fc.constantFrom('x', '{title}', 'y {title}', 'z'),
        }),
        { minLength: 1, maxLength: 4, selector: (template) => template.variant },
      ),
      titles: fc.array(fc.constantFrom('lamp', 'mug', 'x'), { minLength: 1, maxLength: 4 }),
      gapHours: fc.constantFrom(0, 12, 24, 36),
      isRepeating: fc.boolean(),
      taken: fc.array(fc.integer({ min: 0, max: 19 }), { maxLength: 5 }),
      historyLength: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(bank, ({ templates, titles, gapHours, isRepeating, taken, historyLength }) => {
        const products = titles.map((title, index) => product(`p${index}`, title));
        const slots = slotsEvery(12, 20);
        const book = new SlotBook(
          taken.map((index) => ({ connectionId: 'shop', at: slots[index], productId: null })),
        );
        const earlier = planRotation({
          connectionId: 'shop',
          slots: slotsEvery(12, historyLength).map((at) => new Date(at.getTime() - 40 * 12 * HOUR)),
          book: new SlotBook(),
          templates,
          products,
          history: [],
          minGapMs: gapHours * HOUR,
          isRepeating,
          fits: () => true,
        });
        const history = earlier.assignments.map((slot) => ({ ...slot, isLive: true }));
        const { assignments } = planRotation({
          connectionId: 'shop',
          slots,
          book,
          templates,
          products,
          history,
          minGapMs: gapHours * HOUR,
          isRepeating,
          fits: () => true,
        });
        const all = [...history, ...assignments].sort((a, b) => a.at.getTime() - b.at.getTime());
        for (let index = 1; index < all.length; index += 1)
          expect(all[index].text).not.toBe(all[index - 1].text);
        for (const [index, slot] of all.entries())
          for (const later of all.slice(index + 1))
            if (later.productId === slot.productId)
              expect(later.at.getTime() - slot.at.getTime()).toBeGreaterThanOrEqual(gapHours * HOUR);
        for (const slot of assignments)
          expect(taken.map((index) => slots[index])).not.toContainEqual(slot.at);
        if (!isRepeating) {
          const pairs = all.map((slot) => `${slot.productId}/${slot.variant}`);
          expect(new Set(pairs).size).toBe(pairs.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
