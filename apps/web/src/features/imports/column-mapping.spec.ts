import { describe, expect, it } from '@jest/globals';
import { columnsOf, guessMapping, jsonRecords, mappedRows } from './column-mapping';

describe('column mapping', () => {
  it('maps columns named like a field, whatever their case and punctuation', () => {
    expect(guessMapping(['Title', 'PRICE', 'image_urls', 'SKU', 'Vendor'])).toEqual({
      title: 'Title',
      price: 'PRICE',
      imageUrls: 'image_urls',
      externalId: 'SKU',
    });
  });

  it('previews rows as the mapping reads them', () => {
    const rows = [{ Name: 'Mug', Cost: 3, Tags: ['a', 'b'], Other: 'x' }];
    expect(mappedRows(rows, { title: 'Name', cost: 'Cost', tags: 'Tags', description: '' })).toEqual([
      { title: 'Mug', cost: '3', tags: 'a, b' },
    ]);
  });

  it('reads a JSON array or a products envelope, and lists its keys', () => {
    const rows = [{ a: 1 }, { b: 2, a: 3 }];
    expect(jsonRecords(rows)).toEqual(rows);
    expect(jsonRecords({ products: rows })).toEqual(rows);
    expect(jsonRecords({ other: 1 })).toBeNull();
    expect(columnsOf(rows)).toEqual(['a', 'b']);
  });
});
