import { describe, expect, it } from '@jest/globals';
import dayjs from 'dayjs';
import { isPast, isoToZoned, nextHourIn, zonedToIso } from './zoned-time';

describe('schedule times in a connection time zone', () => {
  it('reads the picked wall-clock time in the connection zone, daylight saving included', () => {
    expect(zonedToIso('2026-07-01 09:30:00', 'Asia/Kolkata')).toBe('2026-07-01T04:00:00.000Z');
    expect(zonedToIso('2026-07-01 09:30:00', 'America/New_York')).toBe('2026-07-01T13:30:00.000Z');
    expect(zonedToIso('2026-01-15 09:30:00', 'America/New_York')).toBe('2026-01-15T14:30:00.000Z');
  });

  it('round-trips an instant through a zone', () => {
    expect(isoToZoned('2026-07-01T04:00:00.000Z', 'Asia/Kolkata')).toBe('2026-07-01 09:30:00');
  });

  it('offers the next whole hour in the zone and knows a past time', () => {
    const now = dayjs('2026-03-02T10:20:00.000Z');
    expect(nextHourIn('Europe/Berlin', now)).toBe('2026-03-02 12:00:00');
    expect(isPast('2026-03-02 11:00:00', 'Europe/Berlin', now)).toBe(true);
    expect(isPast('2026-03-02 12:00:00', 'Europe/Berlin', now)).toBe(false);
  });
});
