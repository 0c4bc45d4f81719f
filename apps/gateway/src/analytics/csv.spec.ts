import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('tabulates the rows of a breakdown, one column per currency field', () => {
    const csv = toCsv({
      by: 'platform',
      rows: [
        { key: 'instagram', clicks: 3, revenue: [{ currency: 'USD', revenueMinor: 500 }] },
        { key: 'x', clicks: 1, revenue: [] },
      ],
    });
    expect(csv).toBe(
      'key,clicks,revenue.USD.currency,revenue.USD.revenueMinor\r\ninstagram,3,USD,500\r\nx,1,,\r\n',
    );
  });

  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(toCsv([{ label: 'a,"b"', key: '=HYPERLINK("x")', n: -5 }])).toBe(
      'label,key,n\r\n"a,""b""","\'=HYPERLINK(""x"")",-5\r\n',
    );
  });

  it('turns a single object (a summary) into one row', () => {
    expect(toCsv({ clicks: 2, ctr: null })).toBe('clicks,ctr\r\n2,\r\n');
  });
});
