interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes items in as few transactions as possible: while one write runs, new items wait and then go
 * together in the next. `add` resolves once its item is committed. When a batch fails, its items are
 * written one by one, so one bad item does not fail the others.
 */
export class GroupCommit<T> {
  private queue: Array<Pending<T>> = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.start();
    });
  }

  private start(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.start();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.write(batch.map((pending) => pending.item));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else for (const pending of batch) await this.writeAlone(pending);
      }
    }
  }

  private async writeAlone(pending: Pending<T>): Promise<void> {
    try {
      await this.write([pending.item]);
      pending.resolve();
    } catch (error) {
      pending.reject(error);
    }
  }
}
