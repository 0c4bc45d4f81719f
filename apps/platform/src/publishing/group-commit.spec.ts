import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('writes the first item alone and everything added meanwhile together in the next write', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const group = new GroupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await firstWrite;
    });
    const done = [group.add(1), group.add(2), group.add(3), group.add(4)];
    release();
    await Promise.all(done);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('splits a batch to at most maxBatch items', async () => {
    const writes: number[][] = [];
    const group = new GroupCommit<number>(async (items) => void writes.push(items), 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.add(n)));
    expect(writes).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const committed: number[] = [];
    let release: () => void = () => undefined;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const group = new GroupCommit<number>(async (items) => {
      if (items.includes(0) && items.length === 1 && committed.length === 0) await firstWrite;
      if (items.includes(13)) throw new Error('bad item');
      committed.push(...items);
    });
    const first = group.add(0);
    const results = Promise.allSettled([group.add(12), group.add(13), group.add(14)]);
    release();
    await first;
    expect((await results).map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed.sort((a, b) => a - b)).toEqual([0, 12, 14]);
  });
});
