import { describe, expect, it } from '@jest/globals';
import { BatchBuffer } from './batch-buffer.js';

describe('BatchBuffer', () => {
  it('delivers everything in order, in batches no larger than asked, without blocking push', async () => {
    const delivered: number[][] = [];
    const buffer = new BatchBuffer<number>({
      maxBatch: 3,
      flushMs: 5,
      maxBuffered: 100,
      deliver: async (batch) => void delivered.push(batch),
    });
    for (let i = 0; i < 8; i++) buffer.push(i);
    expect(buffer.size).toBe(8);
    await buffer.drain(2000);
    expect(delivered.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...delivered.map((batch) => batch.length))).toBeLessThanOrEqual(3);
  });

  it('keeps retrying a failing consumer, losing nothing, until it recovers', async () => {
    let isDown = true;
    const received: number[] = [];
    let attempts = 0;
    const buffer = new BatchBuffer<number>({
      maxBatch: 2,
      flushMs: 1,
      maxBuffered: 100,
      retryMinMs: 1,
      retryMaxMs: 5,
      deliver: async (batch) => {
        attempts += 1;
        if (isDown) throw new Error('consumer down');
        received.push(...batch);
      },
    });
    [1, 2, 3, 4, 5].forEach((n) => buffer.push(n));
    const deadline = Date.now() + 2000;
    while (attempts < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received).toEqual([]);
    expect(buffer.size).toBe(5);
    isDown = false;
    await buffer.drain(2000);
    expect(received).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops the oldest items, and says how many, once the buffer is full', async () => {
    let dropped = 0;
    const received: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const buffer = new BatchBuffer<number>({
      maxBatch: 1000,
      flushMs: 1000,
      maxBuffered: 3,
      deliver: async (batch) => {
        await gate;
        received.push(...batch);
      },
      onDrop: (count) => (dropped += count),
    });
    [1, 2, 3, 4, 5].forEach((n) => buffer.push(n));
    expect(dropped).toBe(2);
    release();
    await buffer.drain(3000);
    expect(received).toEqual([3, 4, 5]);
  });
});
