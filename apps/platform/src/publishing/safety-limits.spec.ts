import { describe, expect, it } from '@jest/globals';
import { checkSafetyLimits, quietEndAfter } from './safety-limits.js';

const none = { dailyCap: null, minGapSec: 0, jitterSec: 0, quietStart: null, quietEnd: null };
const fresh = { lastDispatchedAt: null, countLast24h: 0, oldestLast24h: null };

describe('checkSafetyLimits', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('allows a post when no limit applies', () => {
    expect(checkSafetyLimits(none, 'UTC', fresh, now)).toEqual({ isAllowed: true });
  });

  it('holds a post until 24 h after the oldest one when the daily cap is reached', () => {
    const oldest = new Date('2026-03-09T15:00:00Z');
    const decision = checkSafetyLimits(
      { ...none, dailyCap: 3 },
      'UTC',
      { lastDispatchedAt: now, countLast24h: 3, oldestLast24h: oldest },
      now,
    );
    expect(decision).toEqual({
      isAllowed: false,
      retryAt: new Date('2026-03-10T15:00:00Z'),
      reason: expect.stringMatching(/Daily cap of 3/),
    });
  });

  it('keeps the minimum gap after the last post', () => {
    const last = new Date(now.getTime() - 20_000);
    const decision = checkSafetyLimits(
      { ...none, minGapSec: 60 },
      'UTC',
      { ...fresh, lastDispatchedAt: last },
      now,
    );
    expect(decision).toMatchObject({ isAllowed: false, retryAt: new Date(last.getTime() + 60_000) });
  });

  it('waits for the end of quiet hours in the connection time zone, across midnight', () => {
    // 12:00 UTC is 21:00 in Tokyo: inside 20:00–07:00, which ends at 07:00 Tokyo = 22:00 UTC.
    const decision = checkSafetyLimits(
      { ...none, quietStart: '20:00', quietEnd: '07:00' },
      'Asia/Tokyo',
      fresh,
      now,
    );
    expect(decision).toMatchObject({ isAllowed: false, retryAt: new Date('2026-03-10T22:00:00Z') });
    expect(quietEndAfter(now, 'Europe/Paris', '20:00', '07:00')).toBeNull();
  });
});
