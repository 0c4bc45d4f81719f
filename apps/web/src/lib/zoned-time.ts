import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The instant (ISO 8601, UTC) of a wall-clock time as the date picker gives it (`YYYY-MM-DD HH:mm:ss`), read in `zone`. */
export function zonedToIso(wallClock: string, zone: string): string {
  return dayjs.tz(wallClock, 'YYYY-MM-DD HH:mm:ss', zone).toISOString();
}

/** The wall-clock time in `zone` (as the date picker takes it) of an instant. */
export function isoToZoned(iso: string, zone: string): string {
  return dayjs(iso).tz(zone).format('YYYY-MM-DD HH:mm:ss');
}

/** The wall-clock time in `zone` an hour from now, on the hour: a sensible first choice for a schedule. */
export function nextHourIn(zone: string, now: dayjs.Dayjs = dayjs()): string {
  return now.tz(zone).add(1, 'hour').startOf('hour').format('YYYY-MM-DD HH:mm:ss');
}

/** Whether a wall-clock time in `zone` is already past. */
export function isPast(wallClock: string, zone: string, now: dayjs.Dayjs = dayjs()): boolean {
  return dayjs.tz(wallClock, 'YYYY-MM-DD HH:mm:ss', zone).isBefore(now);
}
