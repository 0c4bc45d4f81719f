import { describe, expect, it } from '@jest/globals';
import type { SafetyLimitsView } from '@app/contracts';
import { SlotPlanner } from './slot-planner.js';

const HOUR = 3_600_000;
const NOON = Date.parse('2030-06-03T12:00:00Z');
const YEAR_LATER = new Date(NOON + 365 * 24 * HOUR);
const open: SafetyLimitsView = {
  dailyCap: null,
  minGapSec: 0,
  jitterSec: 0,
  quietStart: null,
  quietEnd: null,
};

interface Given {
  timezone?: string;
  times?: number[];
  limits?: Partial<SafetyLimitsView>;
}

function planner(timelines: Record<string, Given>) {
  return new SlotPlanner(
    new Map(
      Object.entries(timelines).map(([id, timeline]) => [
        id,
        { timezone: 'UTC', times: [], ...timeline, limits: { ...open, ...timeline.limits } },
      ]),
    ),
  );
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

describe('next-slot planning', () => {
  it('spaces posts by the minimum gap plus the jitter, around publishes already planned', () => {
    const plan = planner({
      a: { limits: { minGapSec: 3000, jitterSec: 600 }, times: [NOON + 90 * 60_000] },
    });
    const from = new Date(NOON);
    // 12:00 is free (the 13:30 post is an hour and a half away); 13:00 would come too close to 13:30.
    expect(iso(plan.take(['a'], from, YEAR_LATER))).toBe('2030-06-03T12:00:00.000Z');
    expect(iso(plan.take(['a'], from, YEAR_LATER))).toBe('2030-06-03T14:30:00.000Z');
    expect(iso(plan.take(['a'], from, YEAR_LATER))).toBe('2030-06-03T15:30:00.000Z');
  });

  it('keeps a rolling 24 hours under the daily cap, counting publishes on either side', () => {
    const plan = planner({ a: { limits: { dailyCap: 2 }, times: [NOON - 20 * HOUR, NOON + 10 * HOUR] } });
    const from = new Date(NOON);
    // One publish 20 h ago and one planned in 10 h: one more fits now, with each in a different 24 hours.
    expect(iso(plan.take(['a'], from, YEAR_LATER))).toBe('2030-06-03T12:00:00.000Z');
    // Another before 12:00 tomorrow would make three within 24 hours, with the one planned in 10 h.
    expect(iso(plan.take(['a'], from, YEAR_LATER))).toBe('2030-06-04T12:00:00.000Z');
  });

  it('waits for quiet hours to end, in the account time zone', () => {
    const plan = planner({
      a: { timezone: 'Asia/Tokyo', limits: { quietStart: '20:00', quietEnd: '23:30' } },
    });
    // 12:00 UTC is 21:00 in Tokyo: quiet until 23:30 there, 14:30 UTC.
    expect(iso(plan.take(['a'], new Date(NOON), YEAR_LATER))).toBe('2030-06-03T14:30:00.000Z');
  });

  it('finds a time every account of a post allows', () => {
    const plan = planner({
      a: { limits: { minGapSec: 3600 }, times: [NOON] },
      b: { limits: { minGapSec: 7200 }, times: [NOON + 30 * 60_000] },
    });
    expect(iso(plan.take(['a', 'b'], new Date(NOON), YEAR_LATER))).toBe('2030-06-03T14:30:00.000Z');
    expect(iso(plan.take(['a'], new Date(NOON), YEAR_LATER))).toBe('2030-06-03T13:00:00.000Z');
  });

  it('gives up past the horizon', () => {
    const plan = planner({ a: { limits: { dailyCap: 1 } } });
    const from = new Date(NOON);
    const horizon = new Date(NOON + 36 * HOUR);
    expect(iso(plan.take(['a'], from, horizon))).toBe('2030-06-03T12:00:00.000Z');
    expect(iso(plan.take(['a'], from, horizon))).toBe('2030-06-04T12:00:00.000Z');
    expect(plan.take(['a'], from, horizon)).toBeNull();
  });
});
