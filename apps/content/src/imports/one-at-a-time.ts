/**
 * Runs async tasks one after another while the caller goes on with other work: start() waits only for the
 * previous task, so at most one runs at a time and they run in order. A task's failure is thrown by the next
 * start() or by settled(), so it is never lost.
 */
export class OneAtATime {
  private running: Promise<void> = Promise.resolve();

  /** Waits for the previous task (throwing its error), then starts `task` without waiting for it. */
  async start(task: () => Promise<void>): Promise<void> {
    await this.running;
    const next = task();
    next.catch(() => undefined); // observed by the next start() or settled()
    this.running = next;
  }

  /** Waits for the last task; throws its error. */
  async settled(): Promise<void> {
    await this.running;
  }
}
