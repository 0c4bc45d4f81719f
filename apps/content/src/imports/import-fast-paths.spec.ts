import { describe, it, expect } from '@jest/globals';
import { isURL } from 'class-validator';
import { HTTP_URL } from '@app/contracts';
import { HttpUrlCheck } from './http-url-check.js';
import { parseList } from '@app/import-files';
import { parseDecimal, toMinorUnits } from './import-values.js';

describe('HttpUrlCheck', () => {
  it('agrees with class-validator isURL, whatever it remembered before', () => {
    const urls = [
      'https://shop.example/p/1',
      'https://shop.example/p/2?x=1#y',
      'http://localhost:8080/a',
      'https://user:pw@shop.example/a',
      'https://-bad-.example/a',
      'https://shop.example/has space',
      'https://shop.example/<script>',
      'https://',
      'https:///path',
      'ftp://shop.example/a',
      'javascript:alert(1)',
      'https://shop..example/a',
      'https://shop.example:99999/a',
      'https://[::1]/a',
      'https://shop.example?q=/x',
      'shop.example/a',
      `https://shop.example/${'a'.repeat(2100)}`,
    ];
    const check = new HttpUrlCheck();
    for (const round of [1, 2]) {
      for (const url of urls) {
        const expected = url.length <= 2048 && isURL(url, HTTP_URL);
        expect([round, url, check.isValid(url)]).toEqual([round, url, expected]);
      }
    }
  });
});

describe('value fast paths', () => {
  it('give what the general parsing gives', () => {
    expect(parseDecimal('19.99')).toBe('19.99');
    expect(parseDecimal('1,299.00')).toBe('1299.00');
    expect(parseDecimal('$5')).toBe('5');
    expect(parseDecimal('abc')).toBeNull();
    expect(toMinorUnits('19.99', 'USD')).toBe(1999);
    expect(toMinorUnits('19.990', 'USD')).toBe(1999);
    expect(toMinorUnits('19.999', 'USD')).toBe('has more decimals than USD allows');
    expect(toMinorUnits('-1', 'USD')).toBe('must not be negative');
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits('1.5', 'KWD')).toBe(1500);
    expect(parseList(' a ; ;b|c ')).toEqual(['a', 'b', 'c']);
    expect(parseList(['x', ' ', 3])).toEqual(['x', '3']);
    expect(parseList(undefined)).toEqual([]);
    expect(parseList('')).toEqual([]);
  });
});
