/** A slot a post of the campaign holds on one connection, and the product it promotes there, if any. */
export interface SlotUse {
  connectionId: string;
  at: Date;
  productId: string | null;
}

/** The product a post promotes, and how far apart two of its posts must be on one connection. */
export interface ProductGap {
  productId: string;
  gapMs: number;
}

/**
 * Which slots of a campaign are taken on each connection, and when each product went (or goes) to each:
 * the one place that decides whether a slot is free, for a new post, a resumed one or the bank's fill.
 */
export class SlotBook {
  private readonly taken = new Map<string, Set<number>>();
  private readonly productTimes = new Map<string, number[]>();

  constructor(uses: Iterable<SlotUse> = []) {
    for (const use of uses) this.take(use);
  }

  take({ connectionId, at, productId }: SlotUse): void {
    let times = this.taken.get(connectionId);
    if (!times) this.taken.set(connectionId, (times = new Set()));
    times.add(at.getTime());
    if (productId === null) return;
    const key = productKey(connectionId, productId);
    this.productTimes.set(key, [...(this.productTimes.get(key) ?? []), at.getTime()]);
  }

  isTaken(connectionId: string, at: Date): boolean {
    return this.taken.get(connectionId)?.has(at.getTime()) ?? false;
  }

  /** Whether the product goes to the connection less than `gapMs` before or after `at`. */
  isTooClose(connectionId: string, at: Date, { productId, gapMs }: ProductGap): boolean {
    if (gapMs <= 0) return false;
    const times = this.productTimes.get(productKey(connectionId, productId)) ?? [];
    return times.some((time) => Math.abs(time - at.getTime()) < gapMs);
  }

  /** Free on every connection, and far enough from the product's other posts there when one is given. */
  isFree(connectionIds: readonly string[], at: Date, product?: ProductGap): boolean {
    return connectionIds.every(
      (connectionId) =>
        !this.isTaken(connectionId, at) && !(product && this.isTooClose(connectionId, at, product)),
    );
  }

  /** The first of `slots` (in time order) free on every connection; null when none is. */
  firstFree(slots: Iterable<Date>, connectionIds: readonly string[], product?: ProductGap): Date | null {
    for (const slot of slots) if (this.isFree(connectionIds, slot, product)) return slot;
    return null;
  }
}

function productKey(connectionId: string, productId: string): string {
  return `${connectionId}/${productId}`;
}
