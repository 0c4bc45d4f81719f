import { Readable } from 'node:stream';
import { describe, it, expect } from '@jest/globals';
import { csvRows } from './csv-rows.js';
import { ImportFileError } from './import-file.error.js';
import { jsonRows } from './json-rows.js';
import type { SourceRow } from './source-row.js';

/** The input split into tiny chunks, so every boundary case of the streaming readers is crossed. */
function chunked(text: string, size = 3): Readable {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; offset += size)
    chunks.push(bytes.subarray(offset, offset + size));
  return Readable.from(chunks);
}

async function collect(rows: AsyncGenerator<SourceRow>): Promise<SourceRow[]> {
  const all: SourceRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function fileError(rows: AsyncGenerator<SourceRow>): Promise<ImportFileError> {
  const error = await collect(rows).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ImportFileError))
    throw new Error(`expected an ImportFileError, got ${String(error)}`);
  return error;
}

describe('jsonRows', () => {
  it('streams each element of the array with the line it starts on', async () => {
    const text =
      '[\n {"sku": "a", "tags": ["x", "y]"]},\n {"sku": "b\\"q", "n": {"deep": [1, 2]}},\n 7, "s", null\n]\n';
    const rows = await collect(jsonRows(chunked(text)));
    expect(rows).toEqual([
      { line: 2, firstLine: 2, record: { sku: 'a', tags: ['x', 'y]'] } },
      { line: 3, firstLine: 3, record: { sku: 'b"q', n: { deep: [1, 2] } } },
      { line: 4, firstLine: 4, record: {}, problem: 'the element is not a JSON object' },
      { line: 4, firstLine: 4, record: {}, problem: 'the element is not a JSON object' },
      { line: 4, firstLine: 4, record: {}, problem: 'the element is not a JSON object' },
    ]);
    expect(await collect(jsonRows(chunked('[]')))).toEqual([]);
  });

  it('reports the line and column of a syntax error', async () => {
    expect(await fileError(jsonRows(chunked('[\n {"sku": "a"},\n {"sku": "b",, "x": 1}\n]')))).toMatchObject({
      line: 3,
      column: 14,
    });
    expect(await fileError(jsonRows(chunked('[{"sku": "a"}\n{"sku": "b"}]')))).toMatchObject({
      line: 2,
      column: 1,
    });
    expect((await fileError(jsonRows(chunked('[{"sku": "a"},')))).message).toMatch(
      /ends before the array is closed/,
    );
    expect((await fileError(jsonRows(chunked('{"sku": 1}')))).message).toMatch(/must be a JSON array/);
    expect((await fileError(jsonRows(chunked('[1,]')))).message).toMatch(/expected a value/);
  });
});

describe('csvRows', () => {
  it('streams records keyed by the header, with line numbers and uneven rows flagged', async () => {
    const text = '\uFEFFsku, title\nA1,Mug\n\nA2,"Two\nlines"\nA3,Cup,extra\n';
    const rows = await collect(csvRows(chunked(text)));
    expect(rows.map((row) => [row.firstLine, row.line, row.record.sku, row.problem ?? null])).toEqual([
      [2, 2, 'A1', null],
      [4, 5, 'A2', null],
      [6, 6, 'A3', 'the row has a different number of fields than the header'],
    ]);
    // A file written on Windows: CRLF between records and inside quoted fields.
    const windows = await collect(
      csvRows(chunked('sku,title\r\nA1,"Three\r\nlines\r\nhere"\r\n\r\nA2,Cup\r\nA3,"x\r\ny"\r\nA4,z\r\n')),
    );
    expect(windows.map((row) => [row.firstLine, row.line, row.record.sku])).toEqual([
      [2, 4, 'A1'],
      [6, 6, 'A2'],
      [7, 8, 'A3'],
      [9, 9, 'A4'],
    ]);
    expect(rows[1].record.title).toBe('Two\nlines');
  });

  it('reports where a quote is left open', async () => {
    const error = await fileError(csvRows(chunked('sku,title\nA1,"Mug\nA2,Cup\n')));
    expect(error.status).toBe(400);
    expect(error.line).not.toBeNull();
    expect(error.message).toMatch(/line \d+/);
  });
});
