import { describe, expect, it } from '@jest/globals';
import { chunkRuleProblem } from '../../../../../test/fakes/tiktok/tiktok-contract.js';
import { MIB, planChunks } from './chunk-plan.js';

/** Every plan must pass the chunk rules as the fake TikTok server (written from TikTok's media transfer guide, apart from this code) enforces them. */
function expectValid(size: number, preferred?: number) {
  const plan = planChunks(size, preferred);
  expect(chunkRuleProblem(plan.videoSize, plan.chunkSize, plan.totalChunkCount)).toBeNull();
  const gaps: string[] = [];
  let next = 0;
  for (const [index, chunk] of plan.chunks.entries()) {
    const length = chunk.end - chunk.start + 1;
    const isLast = index === plan.chunks.length - 1;
    if (chunk.start !== next) gaps.push(`chunk ${index} starts at ${chunk.start}, not ${next}`);
    if (!isLast && length !== plan.chunkSize) gaps.push(`chunk ${index} has ${length} bytes`);
    if (isLast && length > 128 * MIB) gaps.push(`last chunk has ${length} bytes`);
    next = chunk.end + 1;
  }
  expect({ count: plan.chunks.length, end: next, gaps }).toEqual({
    count: plan.totalChunkCount,
    end: size,
    gaps: [],
  });
  return plan;
}

describe('planChunks', () => {
  it('sends a file under 5 MB as one chunk of its own size', () => {
    expect(expectValid(1 * MIB)).toMatchObject({ chunkSize: MIB, totalChunkCount: 1 });
    expect(expectValid(5 * MIB - 1)).toMatchObject({ chunkSize: 5 * MIB - 1, totalChunkCount: 1 });
    expect(expectValid(1)).toMatchObject({ chunkSize: 1, totalChunkCount: 1 });
  });

  it('sends a file up to the chunk size as one chunk', () => {
    expect(expectValid(5 * MIB)).toMatchObject({ chunkSize: 5 * MIB, totalChunkCount: 1 });
    expect(expectValid(12 * MIB, 64 * MIB)).toMatchObject({ chunkSize: 12 * MIB, totalChunkCount: 1 });
  });

  it('lets the last chunk absorb the remainder (floor of size / chunk)', () => {
    expect(expectValid(12 * MIB)).toMatchObject({ chunkSize: 10 * MIB, totalChunkCount: 1 });
    const plan = expectValid(12 * MIB, 5 * MIB);
    expect(plan).toMatchObject({ chunkSize: 5 * MIB, totalChunkCount: 2 });
    expect(plan.chunks[1]).toEqual({ start: 5 * MIB, end: 12 * MIB - 1 });
    const justOver = expectValid(64 * MIB + 1, 64 * MIB);
    expect(justOver).toMatchObject({ chunkSize: 64 * MIB, totalChunkCount: 1 });
    expect(justOver.chunks[0]).toEqual({ start: 0, end: 64 * MIB });
    expect(expectValid(64 * MIB + 1)).toMatchObject({ chunkSize: 10 * MIB, totalChunkCount: 6 });
    const large = expectValid(200 * MIB, 64 * MIB);
    expect(large).toMatchObject({ chunkSize: 64 * MIB, totalChunkCount: 3 });
    expect(large.chunks[2].end - large.chunks[2].start + 1).toBe(72 * MIB);
    expect(expectValid(200 * MIB)).toMatchObject({ totalChunkCount: 20 });
  });

  it('clamps a preferred chunk size into 5–64 MB and grows it past 1,000 chunks', () => {
    expect(expectValid(30 * MIB, 1 * MIB)).toMatchObject({ chunkSize: 5 * MIB, totalChunkCount: 6 });
    expect(expectValid(300 * MIB, 512 * MIB)).toMatchObject({ chunkSize: 64 * MIB, totalChunkCount: 4 });
    const many = expectValid(6000 * MIB, 5 * MIB);
    expect(many.totalChunkCount).toBeLessThanOrEqual(1000);
    expect(() => planChunks(70_000 * MIB)).toThrow(RangeError);
    expect(() => planChunks(0)).toThrow(RangeError);
  });

  it('holds the rules for any size and preference (seeded sample)', () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const edges = [
      5 * MIB - 1,
      5 * MIB,
      5 * MIB + 1,
      10 * MIB - 1,
      10 * MIB,
      20 * MIB - 1,
      64 * MIB,
      128 * MIB + 7,
    ];
    for (const size of edges) expectValid(size);
    for (let i = 0; i < 2000; i += 1) {
      const size = 1 + Math.floor(random() ** 2 * 4096 * MIB);
      const preferred = Math.floor(random() * 80 * MIB);
      expectValid(size, preferred);
    }
  });
});
