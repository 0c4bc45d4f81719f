type Cell = string | number | boolean | null | undefined;
type Row = Record<string, Cell>;

/** The list a response is about: a table's rows, a chart's points, an experiment's variants, or itself. */
function tableOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    for (const key of ['rows', 'points', 'variants']) {
      const value = (data as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value;
    }
  }
  return [data];
}

/** Flattens nested objects (`metrics.impressions`) and per-currency lists (`revenue.USD.revenueMinor`). */
function flatten(value: unknown, prefix = '', into: Row = {}): Row {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const currency =
        item && typeof item === 'object' ? (item as { currency?: unknown }).currency : undefined;
      flatten(item, `${prefix}.${typeof currency === 'string' ? currency : i}`, into);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, nested] of Object.entries(value))
      flatten(nested, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = value as Cell;
  }
  return into;
}

function escape(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  let text = String(cell);
  // A spreadsheet would run a cell that starts like a formula.
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A response as CSV: one line per row of its main list, one column per (flattened) field. */
export function toCsv(data: unknown): string {
  const rows = tableOf(data).map((item) => flatten(item));
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const lines = [
    columns.map(escape).join(','),
    ...rows.map((row) => columns.map((c) => escape(row[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
