import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fillTemplate, formatPrice, placeholdersOf, unknownPlaceholders } from './copy-template.js';

const lamp = { title: 'Desk lamp', priceMinor: 1990, currency: 'EUR', url: 'https://shop.example/lamp' };

describe('copy templates', () => {
  it('fills {title}, {price} and {link} from the product', () => {
    expect(fillTemplate('{title} for {price}: {link} ({title})', lamp)).toBe(
      'Desk lamp for €19.90: https://shop.example/lamp (Desk lamp)',
    );
    expect(formatPrice(1200, 'JPY')).toBe('¥1,200');
  });

  it('cannot be filled when the product lacks a fact the template names, or a name is unknown', () => {
    expect(fillTemplate('Only {price}', { ...lamp, priceMinor: null })).toBeNull();
    expect(fillTemplate('See {link}', { ...lamp, url: null })).toBeNull();
    expect(fillTemplate('No price needed: {title}', { ...lamp, priceMinor: null })).toBe(
      'No price needed: Desk lamp',
    );
    expect(fillTemplate('{title} {colour}', lamp)).toBeNull();
  });

  it('names the unknown placeholders and leaves braces that are not one alone', () => {
    expect(placeholdersOf('{title} {price} {title} {x1}')).toEqual(['title', 'price', 'x1']);
    expect(unknownPlaceholders('{title} {Title} {constructor} {price}')).toEqual(['Title', 'constructor']);
    expect(fillTemplate('{ title } {} {{title}} 50% {off', lamp)).toBe('{ title } {} {Desk lamp} 50% {off');
  });

  it('never reads a fact as a template: a title holding {price} stays as written', () => {
    fc.assert(
      fc.property(fc.string(), (title) => {
        expect(fillTemplate('{title}!', { ...lamp, title })).toBe(`${title}!`);
      }),
    );
  });
});
