import { isURL, isUUID } from 'class-validator';
import { GENERATE_TEXT, HTTP_URL, POST_IMPORT_LIMITS as LIMITS, type TargetOptions } from '@app/contracts';
import { text } from '@app/import-files';
import type { PostImportColumnKeys, PostImportField } from './post-import-columns.js';
import { readTime, type RowTime } from './post-import-times.js';
import { RowProblem } from './row-problem.js';

/** A media of a row: an asset of the workspace, or a URL to add to the product's media first. */
export type MediaRef = { id: string } | { url: string };

/** One row as its author wrote it, checked for form; its names (product, connections, campaign) not yet looked up. */
export interface ImportRow {
  line: number;
  product: string;
  connections: string[];
  /** Null when the row asks for the copy to be generated. */
  text: string | null;
  title: string | null;
  media: MediaRef[];
  time: RowTime;
  campaign: string | null;
  variant: string | null;
  options: TargetOptions;
}

export type RowReading = { row: ImportRow } | { reason: string };

const MAX_URL_LENGTH = 2048;
const MAX_OPTIONS_BYTES = 4096;

/** Reads one record of the file; a row that cannot be a post gets the reason, never an exception. */
export function readRow(
  line: number,
  record: Record<string, unknown>,
  columns: PostImportColumnKeys,
  now: Date,
): RowReading {
  const field = (name: PostImportField) => (columns[name] === undefined ? undefined : record[columns[name]]);
  try {
    const written = required('text', field('text'), LIMITS.maxTextLength, TEXT_HOW);
    return {
      row: {
        line,
        product: required('product', field('product'), LIMITS.maxReferenceLength, PRODUCT_HOW),
        connections: connectionsOf(field('connections')),
        text: written.toLowerCase() === GENERATE_TEXT ? null : written,
        title: optional('title', field('title'), LIMITS.maxTitleLength),
        media: mediaOf(field('media')),
        time: readTime(
          required('scheduledAt', field('scheduledAt'), LIMITS.maxReferenceLength, TIME_HOW),
          optional('timezone', field('timezone'), LIMITS.maxReferenceLength),
          now,
        ),
        campaign: optional('campaign', field('campaign'), LIMITS.maxReferenceLength),
        variant: optional('variant', field('variant'), LIMITS.maxVariantLength),
        options: optionsOf(field('options')),
      },
    };
  } catch (error) {
    if (error instanceof RowProblem) return { reason: error.message };
    throw error;
  }
}

const PRODUCT_HOW = "give the product's id or SKU";
const TEXT_HOW = `write the post, or "${GENERATE_TEXT}" to have it written from the product for each platform`;
const TIME_HOW = 'give a date and time with its offset, a local time with a timezone column, or next-slot';

/** A cell as text: strings trimmed, numbers written out; anything else (an object, a boolean) is refused. */
function cell(name: string, raw: unknown): string | null {
  if (raw !== null && typeof raw === 'object')
    throw new RowProblem(`${name} must be text, not a list or object`);
  if (typeof raw === 'boolean') throw new RowProblem(`${name} must be text, not ${String(raw)}`);
  return text(raw);
}

function optional(name: string, raw: unknown, max: number): string | null {
  const value = cell(name, raw);
  if (value !== null && value.length > max)
    throw new RowProblem(
      `${name} is ${value.length.toLocaleString('en')} characters; at most ${max.toLocaleString('en')}`,
    );
  return value;
}

function required(name: string, raw: unknown, max: number, how: string): string {
  const value = optional(name, raw, max);
  if (value === null) throw new RowProblem(`${name} is missing: ${how}`);
  return value;
}

/** Several values: a JSON array (in the JSON format, or a cell starting with "["), or text separated by "|". */
function listOf(name: string, raw: unknown): string[] {
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else {
    const value = cell(name, raw);
    if (value === null) return [];
    items = value.startsWith('[') ? parsedArray(name, value) : value.split('|');
  }
  const values: string[] = [];
  for (const item of items) {
    const value = cell(`each of ${name}`, item);
    if (value !== null && !values.includes(value)) values.push(value);
  }
  return values;
}

function parsedArray(name: string, value: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new RowProblem(`${name} starts with "[" but is not a JSON array of texts`);
}

function connectionsOf(raw: unknown): string[] {
  const refs = listOf('connections', raw);
  if (refs.length === 0)
    throw new RowProblem('connections is missing: give one or more connection ids or names, separated by |');
  if (refs.length > LIMITS.maxConnections)
    throw new RowProblem(`connections names ${refs.length}; at most ${LIMITS.maxConnections} per row`);
  const long = refs.find((ref) => ref.length > LIMITS.maxReferenceLength);
  if (long !== undefined)
    throw new RowProblem(`connections: "${long.slice(0, 40)}…" is too long to be a name`);
  return refs;
}

function mediaOf(raw: unknown): MediaRef[] {
  const refs = listOf('media', raw);
  if (refs.length > LIMITS.maxMedia)
    throw new RowProblem(`media lists ${refs.length}; at most ${LIMITS.maxMedia} per row`);
  return refs.map((ref) => {
    if (isUUID(ref)) return { id: ref.toLowerCase() };
    if (ref.length <= MAX_URL_LENGTH && isURL(ref, HTTP_URL)) return { url: ref };
    throw new RowProblem(`media "${ref.slice(0, 100)}" is neither a media id nor an http(s) URL`);
  });
}

function optionsOf(raw: unknown): TargetOptions {
  if (raw === undefined || raw === null || raw === '') return {};
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new RowProblem('options must be a JSON object such as {"boardId": "123"}');
    }
  }
  const isFlat =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(
      (item) => item === null || ['string', 'number', 'boolean'].includes(typeof item),
    );
  if (!isFlat) throw new RowProblem('options must be a JSON object of texts, numbers and booleans');
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_OPTIONS_BYTES)
    throw new RowProblem(`options is larger than ${MAX_OPTIONS_BYTES} bytes`);
  return value as TargetOptions;
}
