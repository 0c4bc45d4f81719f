import { describe, expect, it } from '@jest/globals';
import type { CampaignScheduleView } from '@app/contracts';
import { instantOf, isTimeZone, slotsAfter } from './campaign-schedule.js';

function firstSlots(schedule: CampaignScheduleView, after: string, count: number): string[] {
  const slots: string[] = [];
  for (const slot of slotsAfter(schedule, new Date(after))) {
    slots.push(slot.toISOString());
    if (slots.length === count) break;
  }
  return slots;
}

describe('campaign schedule slots', () => {
  it('keeps local times across the spring-forward night and skips the time that does not exist', () => {
    const paris = { timezone: 'Europe/Paris', days: ['sat', 'sun'], times: ['02:30', '09:00'] } as const;
    // 2026-03-29 (Sunday): 02:00 CET jumps to 03:00 CEST.
    expect(
      firstSlots({ ...paris, days: [...paris.days], times: [...paris.times] }, '2026-03-27T12:00:00Z', 3),
    ).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z']);
  });

  it('takes the first of the two 02:30s on the fall-back night', () => {
    expect(
      instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Paris')?.toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
    expect(
      instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')?.toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
    expect(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')).toBeNull();
  });

  it('follows the days of the week in the zone, not in UTC', () => {
    // 09:00 Monday in Auckland (NZST, +12) is Sunday 21:00 UTC.
    const schedule: CampaignScheduleView = { timezone: 'Pacific/Auckland', days: ['mon'], times: ['09:00'] };
    expect(firstSlots(schedule, '2026-06-01T00:00:00Z', 2)).toEqual([
      '2026-06-07T21:00:00.000Z',
      '2026-06-14T21:00:00.000Z',
    ]);
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
