/** The product fields a column can feed, in the order the mapping form lists them. */
export const IMPORT_FIELDS = [
  { field: 'title', label: 'Title' },
  { field: 'description', label: 'Description' },
  { field: 'price', label: 'Price' },
  { field: 'currency', label: 'Currency' },
  { field: 'cost', label: 'Cost' },
  { field: 'commissionRate', label: 'Commission rate' },
  { field: 'rating', label: 'Rating' },
  { field: 'category', label: 'Category' },
  { field: 'tags', label: 'Tags' },
  { field: 'destinationUrl', label: 'Destination URL' },
  { field: 'externalId', label: 'SKU' },
  { field: 'imageUrls', label: 'Image URLs' },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]['field'];
export type ImportMapping = Partial<Record<ImportField, string>>;

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A first mapping: each field takes the column named like it ("Price", "image_urls", "SKU"). Fields left
 * unmapped fall back to the common names the server knows.
 */
export function guessMapping(columns: string[]): ImportMapping {
  const byName = new Map(columns.map((column) => [normalise(column), column]));
  const mapping: ImportMapping = {};
  for (const { field, label } of IMPORT_FIELDS) {
    const column = byName.get(normalise(field)) ?? byName.get(normalise(label));
    if (column !== undefined) mapping[field] = column;
  }
  return mapping;
}

/** The first rows as the import will read them: one value per mapped field. */
export function mappedRows(
  rows: Array<Record<string, unknown>>,
  mapping: ImportMapping,
): Array<Partial<Record<ImportField, string>>> {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(mapping)
        .filter(([, column]) => column !== undefined && column !== '')
        .map(([field, column]) => [field, displayValue(row[column as string])]),
    ),
  );
}

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(displayValue).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The rows of a JSON import: an array of objects, or `{ "products": [...] }`. */
export function jsonRecords(parsed: unknown): Array<Record<string, unknown>> | null {
  const list = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' &&
        parsed !== null &&
        Array.isArray((parsed as { products?: unknown }).products)
      ? (parsed as { products: unknown[] }).products
      : null;
  if (!list) return null;
  return list.filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}

/** Every key the first rows use, in the order they first appear. */
export function columnsOf(rows: Array<Record<string, unknown>>): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(row)))];
}
