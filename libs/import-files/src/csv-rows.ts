import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ImportFileError } from './import-file.error.js';
import type { SourceRow } from './source-row.js';

const MAX_RECORD_BYTES = 1024 * 1024;

/** Streams CSV records as objects keyed by the header row, each with the line it ends on. */
export async function* csvRows(input: Readable): AsyncGenerator<SourceRow> {
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      max_record_size: MAX_RECORD_BYTES,
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  let unevenSoFar = 0;
  // csv-parse counts a CRLF inside a quoted field as two lines; the lines it reports are corrected by those so far.
  let extraLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      const isUneven = info.invalid_field_length > unevenSoFar;
      unevenSoFar = info.invalid_field_length;
      const breaks = lineBreaksIn(record);
      extraLines += breaks.crlf;
      const line = info.lines - extraLines;
      yield {
        line,
        firstLine: line - breaks.all,
        record,
        problem: isUneven ? 'the row has a different number of fields than the header' : undefined,
      };
    }
  } catch (error) {
    if (error instanceof CsvError) throw fromCsvError(error);
    throw error;
  }
}

interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number; invalid_field_length: number };
}

function fromCsvError(error: CsvError): ImportFileError {
  const context = error as CsvError & { lines?: number; column?: number | string };
  const column = typeof context.column === 'number' ? context.column + 1 : null;
  // csv-parse's message already says what and where; strip its "Invalid ...:" prefix noise only.
  return new ImportFileError(error.message.replace(/^[A-Za-z ]+:\s*/, ''), context.lines ?? null, column);
}

/** Line breaks inside a record's quoted fields: all of them (a CRLF once), and the CRLFs among them. */
function lineBreaksIn(record: Record<string, string>): { all: number; crlf: number } {
  const breaks = { all: 0, crlf: 0 };
  for (const value of Object.values(record)) {
    if (value.indexOf('\n') === -1 && value.indexOf('\r') === -1) continue;
    for (const [found] of value.matchAll(/\r\n|\r|\n/g)) {
      breaks.all += 1;
      if (found.length === 2) breaks.crlf += 1;
    }
  }
  return breaks;
}
