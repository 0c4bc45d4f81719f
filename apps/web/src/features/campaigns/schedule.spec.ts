import { describe, expect, it } from '@jest/globals';
import { describeSchedule, formatInZone } from './schedule';

describe('describeSchedule', () => {
  it('lists days in week order and times in clock order', () => {
    expect(
      describeSchedule({ timezone: 'Europe/Paris', days: ['fri', 'mon', 'wed'], times: ['18:00', '09:00'] }),
    ).toBe('Mon, Wed, Fri at 09:00 and 18:00 (Europe/Paris)');
  });

  it('says "Every day" for all seven days', () => {
    expect(
      describeSchedule({
        timezone: 'UTC',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        times: ['12:30'],
      }),
    ).toBe('Every day at 12:30 (UTC)');
  });
});

describe('formatInZone', () => {
  it('shows the wall-clock time of the campaign time zone, summer time included', () => {
    expect(formatInZone('2026-07-01T07:00:00Z', 'Europe/Paris')).toContain('09:00');
    expect(formatInZone('2026-01-01T07:00:00Z', 'Europe/Paris')).toContain('08:00');
  });
});
