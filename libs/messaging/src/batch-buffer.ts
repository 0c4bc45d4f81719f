export interface BatchBufferOptions<T> {
  /** Items handed to `deliver` at most at once. */
  maxBatch: number;
  /** The longest an item waits before a partial batch is delivered. */
  flushMs: number;
  /** Items kept while delivery fails; beyond it the oldest are dropped (and reported to `onDrop`). */
  maxBuffered: number;
  deliver: (batch: T[]) => Promise<void>;
  onDrop?: (count: number) => void;
  onRetry?: (error: unknown, attempt: number) => void;
  retryMinMs?: number;
  retryMaxMs?: number;
}

/**
 * An in-memory queue that never blocks its producer: `push` is synchronous, batches are delivered in the
 * background in order, and a failed batch is retried with backoff (so items survive a consumer outage for
 * as long as the process lives and the buffer has room).
 */
export class BatchBuffer<T> {
  private items: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private isClosed = false;
  private inFlight = 0;

  constructor(private readonly options: BatchBufferOptions<T>) {}

  /** Items waiting, including a batch being delivered. */
  get size(): number {
    return this.items.length + this.inFlight;
  }

  push(item: T): void {
    if (this.isClosed) return;
    this.items.push(item);
    this.enforceCapacity();
    this.schedule();
  }

  /** Resolves once everything pushed so far is delivered, or rejects at the deadline. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.size > 0) {
      if (Date.now() > deadline) throw new Error(`${this.size} items still undelivered`);
      if (!this.running) this.start();
      await Promise.race([this.running, delay(Math.max(1, Math.min(50, deadline - Date.now())))]);
    }
  }

  /** Delivers what is left (until the deadline) and stops. */
  async close(timeoutMs: number): Promise<void> {
    await this.drain(timeoutMs).catch(() => undefined);
    this.isClosed = true;
    clearTimeout(this.timer);
  }

  private start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.items.length === 0) return;
    this.running = this.run().finally(() => {
      this.running = undefined;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.isClosed || this.items.length === 0) return;
    if (this.items.length >= this.options.maxBatch) this.start();
    else this.timer ??= setTimeout(() => this.start(), this.options.flushMs);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (this.items.length > 0 && !this.isClosed) {
      const batch = this.items.splice(0, this.options.maxBatch);
      this.inFlight = batch.length;
      try {
        await this.options.deliver(batch);
        this.inFlight = 0;
        attempt = 0;
      } catch (error) {
        this.inFlight = 0;
        attempt += 1;
        this.items.unshift(...batch);
        this.enforceCapacity();
        this.options.onRetry?.(error, attempt);
        await delay(backoff(attempt, this.options.retryMinMs ?? 100, this.options.retryMaxMs ?? 5000));
      }
    }
  }

  private enforceCapacity(): void {
    const excess = this.items.length + this.inFlight - this.options.maxBuffered;
    if (excess <= 0) return;
    this.items.splice(0, excess);
    this.options.onDrop?.(excess);
  }
}

function backoff(attempt: number, minMs: number, maxMs: number): number {
  const base = Math.min(maxMs, minMs * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
