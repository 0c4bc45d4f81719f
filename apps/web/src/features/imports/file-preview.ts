import Papa from 'papaparse';
import { columnsOf, jsonRecords } from './column-mapping';

/** What the browser read from a dropped file before anything is uploaded. */
export interface FilePreview {
  format: 'csv' | 'json';
  columns: string[];
  /** The first rows, for the preview. */
  rows: Array<Record<string, unknown>>;
  /** Every row of the file, so the progress of the import can be shown as a share. */
  rowCount: number;
}

const PREVIEW_ROWS = 5;

/** Reads the header and first rows of a CSV (quoted fields and line breaks handled) or JSON file. */
export async function previewFile(file: File): Promise<FilePreview> {
  const isJson = /\.json$/i.test(file.name) || file.type.includes('json');
  return isJson ? previewJson(file) : previewCsv(file);
}

async function previewJson(file: File): Promise<FilePreview> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`${file.name} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const records = jsonRecords(parsed);
  if (!records) throw new Error(`${file.name} must hold an array of products, or {"products": [...]}`);
  const rows = records.slice(0, PREVIEW_ROWS);
  return { format: 'json', columns: columnsOf(records.slice(0, 100)), rows, rowCount: records.length };
}

function previewCsv(file: File): Promise<FilePreview> {
  return new Promise((resolve, reject) => {
    const rows: Array<Record<string, unknown>> = [];
    let columns: string[] = [];
    let rowCount = 0;
    Papa.parse<Record<string, unknown>>(file, {
      header: true,
      skipEmptyLines: 'greedy',
      step: (result) => {
        if (rowCount === 0) columns = result.meta.fields ?? [];
        rowCount += 1;
        if (rows.length < PREVIEW_ROWS) rows.push(result.data);
      },
      complete: () => {
        if (columns.length === 0) reject(new Error(`${file.name} has no header row`));
        else resolve({ format: 'csv', columns, rows, rowCount });
      },
      error: (error) => reject(new Error(`${file.name} could not be read: ${error.message}`)),
    });
  });
}
