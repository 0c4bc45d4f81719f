import { describe, expect, it } from '@jest/globals';
import dayjs from 'dayjs';
import { dailyPoints, describeRange, presetOf, presetRange, toRangeQuery } from './date-range';

const today = dayjs('2026-03-02T15:00:00');

describe('analytics date ranges', () => {
  it('counts a preset back from today, today included, across a month end', () => {
    expect(presetRange(7, today)).toEqual(['2026-02-24', '2026-03-02']);
    expect(presetRange(30, today)).toEqual(['2026-02-01', '2026-03-02']);
  });

  it('recognises a preset, and a custom range as none', () => {
    expect(presetOf(['2026-02-24', '2026-03-02'], today)).toBe(7);
    expect(presetOf(['2026-02-25', '2026-03-02'], today)).toBeUndefined();
  });

  it('asks for whole local days: from the first midnight to the midnight after the last day', () => {
    const query = toRangeQuery(['2026-02-24', '2026-03-02'], 'Europe/Paris');
    expect(dayjs(query.from).format('YYYY-MM-DD HH:mm')).toBe('2026-02-24 00:00');
    expect(dayjs(query.to).format('YYYY-MM-DD HH:mm')).toBe('2026-03-03 00:00');
    expect(query.tz).toBe('Europe/Paris');
  });

  it('says the range in words, with the year once unless it differs', () => {
    expect(describeRange(['2026-02-24', '2026-03-02'])).toBe('24 Feb – 2 Mar 2026');
    expect(describeRange(['2025-12-30', '2026-01-02'])).toBe('30 Dec 2025 – 2 Jan 2026');
    expect(describeRange(['2026-03-02', '2026-03-02'])).toBe('2 Mar 2026');
  });

  it('charts every day of the range, with 0 where the API has no point', () => {
    const at = (day: string) => dayjs(day).toISOString();
    const days = dailyPoints(
      [
        { at: at('2026-02-27'), value: 4 },
        { at: at('2026-03-01'), value: 2 },
      ],
      ['2026-02-27', '2026-03-02'],
    );
    expect(days.map((day) => [day.day, day.value])).toEqual([
      ['2026-02-27', 4],
      ['2026-02-28', 0],
      ['2026-03-01', 2],
      ['2026-03-02', 0],
    ]);
    expect(days[0].label).toBe('27 Feb');
  });
});
