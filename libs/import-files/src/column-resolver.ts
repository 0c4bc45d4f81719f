/** Column names compared without case or punctuation: "Product ID", "product_id" and "productId" are one. */
export function normaliseColumn(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Which source key (CSV header or JSON key) feeds each field, for a record with these keys. */
export type ResolvedColumns<F extends string> = Partial<Record<F, string>>;

const MAX_CACHED_KEY_SETS = 100;

/**
 * Resolves fields against a record's keys: an explicit mapping first, then the names files commonly use for
 * each field (`aliases`, in order of preference). Records of one file share their keys, so a resolution is
 * remembered per key set.
 */
export class ColumnResolver<F extends string> {
  private readonly cache = new Map<string, ResolvedColumns<F>>();

  constructor(
    private readonly aliases: Readonly<Record<F, readonly string[]>>,
    private readonly mapping: Partial<Record<F, string>> = {},
  ) {}

  resolve(keys: string[]): ResolvedColumns<F> {
    const cacheKey = keys.join('\u0000');
    let resolved = this.cache.get(cacheKey);
    if (!resolved) {
      resolved = this.build(keys);
      // Bounded: JSON rows with ever-different keys must not grow it without end.
      if (this.cache.size < MAX_CACHED_KEY_SETS) this.cache.set(cacheKey, resolved);
    }
    return resolved;
  }

  private build(keys: string[]): ResolvedColumns<F> {
    const byNormalised = new Map(keys.map((key) => [normaliseColumn(key), key]));
    const resolved: ResolvedColumns<F> = {};
    for (const field of Object.keys(this.aliases) as F[]) {
      const explicit = this.mapping[field];
      const candidates = explicit !== undefined ? [explicit] : this.aliases[field];
      const key = candidates
        .map((name) => byNormalised.get(normaliseColumn(name)))
        .find((found) => found !== undefined);
      if (key !== undefined) resolved[field] = key;
    }
    return resolved;
  }
}
