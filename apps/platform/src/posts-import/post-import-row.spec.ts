import { describe, expect, it } from '@jest/globals';
import { PostImportColumns } from './post-import-columns.js';
import { type ImportRow, readRow } from './post-import-row.js';

const NOW = new Date('2030-06-03T12:00:00Z');
const MEDIA_ID = '0b6f7c1e-5a3c-4f7e-9d2a-1c2b3c4d5e6f';

function read(record: Record<string, unknown>) {
  const full = { product: 'MUG-1', connections: 'Shop', text: 'Hello', scheduledAt: 'next-slot', ...record };
  return readRow(7, full, new PostImportColumns().resolve(Object.keys(full)), NOW);
}

function row(record: Record<string, unknown>): ImportRow {
  const reading = read(record);
  if ('reason' in reading) throw new Error(`rejected: ${reading.reason}`);
  return reading.row;
}

function reason(record: Record<string, unknown>): string {
  const reading = read(record);
  if (!('reason' in reading)) throw new Error('the row was accepted');
  return reading.reason;
}

describe('reading a posts import row', () => {
  it('finds columns by their common names, whatever their case and punctuation', () => {
    const columns = new PostImportColumns().resolve([
      'SKU',
      'Accounts',
      'Caption',
      'Publish_At',
      'Time Zone',
    ]);
    expect(columns).toEqual({
      product: 'SKU',
      connections: 'Accounts',
      text: 'Caption',
      scheduledAt: 'Publish_At',
      timezone: 'Time Zone',
    });
  });

  it('reads lists separated by | or written as JSON arrays, media ids and URLs apart, without repeats', () => {
    expect(row({ connections: ' Shop | X account |Shop' }).connections).toEqual(['Shop', 'X account']);
    expect(row({ connections: '["Shop, the first", "Other"]' }).connections).toEqual([
      'Shop, the first',
      'Other',
    ]);
    expect(row({ connections: ['Shop', 'Other'] }).connections).toEqual(['Shop', 'Other']);
    expect(row({ media: `${MEDIA_ID.toUpperCase()}|https://cdn.example.com/a.jpg?w=1,2` }).media).toEqual([
      { id: MEDIA_ID },
      { url: 'https://cdn.example.com/a.jpg?w=1,2' },
    ]);
    expect(reason({ connections: '["Shop", ' })).toBe(
      'connections starts with "[" but is not a JSON array of texts',
    );
    expect(reason({ media: 'ftp://example.com/a.jpg' })).toBe(
      'media "ftp://example.com/a.jpg" is neither a media id nor an http(s) URL',
    );
    expect(reason({ media: Array.from({ length: 11 }, (_, n) => `https://cdn.example.com/${n}.jpg`) })).toBe(
      'media lists 11; at most 10 per row',
    );
  });

  it('takes "generate" for copy to write, and refuses missing or overlong fields with what to do', () => {
    expect(row({ text: 'Generate' }).text).toBeNull();
    expect(row({ text: '  Two\nlines  ' }).text).toBe('Two\nlines');
    expect(reason({ product: ' ' })).toBe("product is missing: give the product's id or SKU");
    expect(reason({ connections: '' })).toMatch(/^connections is missing/);
    expect(reason({ text: 'x'.repeat(10_001) })).toBe('text is 10,001 characters; at most 10,000');
    expect(reason({ title: 't'.repeat(301) })).toBe('title is 301 characters; at most 300');
    expect(reason({ text: { nested: true } })).toBe('text must be text, not a list or object');
    expect(row({ product: 12345 }).product).toBe('12345');
  });

  it('reads times with an offset, local times in a zone, and next-slot; refuses the rest in words', () => {
    expect(row({ scheduledAt: '2030-06-04T09:00:00+02:00' }).time).toEqual({
      kind: 'at',
      at: new Date('2030-06-04T07:00:00Z'),
    });
    expect(row({ scheduledAt: '2030-06-04 09:00Z' }).time).toEqual({
      kind: 'at',
      at: new Date('2030-06-04T09:00:00Z'),
    });
    expect(row({ scheduledAt: '2030-06-04 09:00', timezone: 'America/New_York' }).time).toEqual({
      kind: 'at',
      at: new Date('2030-06-04T13:00:00Z'),
    });
    expect(row({ scheduledAt: 'NEXT-SLOT' }).time).toEqual({ kind: 'next-slot' });
    // A few minutes late is "now": the file was written a moment ago.
    expect(row({ scheduledAt: '2030-06-03T11:58:00Z' }).time.kind).toBe('at');
    expect(reason({ scheduledAt: '2030-06-03T11:50:00Z' })).toBe(
      'scheduledAt "2030-06-03T11:50:00Z" has already passed',
    );
    expect(reason({ scheduledAt: 'tomorrow' })).toMatch(
      /^scheduledAt "tomorrow" is not a date and time; give/,
    );
    expect(reason({ scheduledAt: '2030-02-30T09:00:00Z' })).toBe(
      'scheduledAt "2030-02-30T09:00:00Z" is not a real date and time',
    );
    expect(reason({ scheduledAt: '2030-06-04 09:00' })).toMatch(/has no time zone: add an offset/);
    expect(reason({ scheduledAt: '2030-06-04 09:00', timezone: 'Mars/Olympus' })).toBe(
      'timezone "Mars/Olympus" is not an IANA time zone such as Europe/Paris',
    );
    expect(reason({ scheduledAt: '2031-03-09 02:30', timezone: 'America/New_York' })).toBe(
      'scheduledAt "2031-03-09 02:30" does not exist in America/New_York: the clocks skip that hour',
    );
    expect(reason({ scheduledAt: '2030-06-04T09:00:00+15:00' })).toMatch(/offset beyond ±14:00/);
  });

  it('reads target options as a flat JSON object', () => {
    expect(row({ options: '{"boardId": "123", "isDraft": false}' }).options).toEqual({
      boardId: '123',
      isDraft: false,
    });
    expect(reason({ options: '{"nested": {"a": 1}}' })).toBe(
      'options must be a JSON object of texts, numbers and booleans',
    );
    expect(reason({ options: 'board 123' })).toMatch(/^options must be a JSON object such as/);
  });
});
