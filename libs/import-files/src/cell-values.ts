/** Readers of the loosely written cells of spreadsheets and feeds. */

/** A list from an array or a string separated by commas, semicolons, pipes (or, for URLs, spaces). */
export function parseList(raw: unknown, separators: RegExp = /[,;|]/): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const items = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(separators) : [];
  const list: string[] = [];
  for (const item of items) {
    const trimmed = item.trim();
    if (trimmed !== '') list.push(trimmed);
  }
  return list;
}

/** A trimmed non-empty string, or null. */
export function text(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const value = (typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '').trim();
  return value === '' ? null : value;
}
