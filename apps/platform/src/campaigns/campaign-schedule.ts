import type { CampaignScheduleView, Weekday } from '@app/contracts';

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 86_400_000;

/** A wall-clock time, as a zone's clocks show it. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time of an instant in a zone. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

function asUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a DST jump (02:30 on a spring-forward
 * night) does not exist: null. A time that happens twice (fall-back) is its first occurrence.
 */
export function instantOf(wall: WallTime, timeZone: string): Date | null {
  const target = asUtcMs(wall);
  // The zone's offset is at most ±14 h; trying the offsets around the guess finds every instant showing `wall`.
  const candidates = new Set<number>();
  for (const probe of [target - DAY_MS / 2, target, target + DAY_MS / 2]) {
    const offset = asUtcMs(wallTimeAt(new Date(probe), timeZone)) - Math.floor(probe / 60_000) * 60_000;
    candidates.add(target - offset);
  }
  const matching = [...candidates]
    .filter((ms) => asUtcMs(wallTimeAt(new Date(ms), timeZone)) === target)
    .sort((a, b) => a - b);
  return matching.length > 0 ? new Date(matching[0]) : null;
}

/** True when the zone is one Intl knows (IANA names such as Europe/Paris). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The schedule's slots from `after` (exclusive) on, in time order, for at most `horizonDays` local days.
 * Each slot is a day of `days` at one of `times`, in the schedule's zone, DST included.
 */
export function* slotsAfter(schedule: CampaignScheduleView, after: Date, horizonDays = 366): Generator<Date> {
  const times = [...new Set(schedule.times)].sort().map((time) => time.split(':').map(Number));
  const start = wallTimeAt(after, schedule.timezone);
  for (let offset = 0; offset < horizonDays; offset += 1) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    if (!schedule.days.includes(WEEKDAYS[date.getUTCDay()])) continue;
    for (const [hour, minute] of times) {
      const wall = {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour,
        minute,
      };
      const instant = instantOf(wall, schedule.timezone);
      if (instant && instant.getTime() > after.getTime()) yield instant;
    }
  }
}

/** The schedule's slots after `after` up to `end` (inclusive; no end: a year ahead). */
export function* slotsUntil(schedule: CampaignScheduleView, after: Date, end: Date | null): Generator<Date> {
  for (const slot of slotsAfter(schedule, after)) {
    if (end && slot.getTime() > end.getTime()) return;
    yield slot;
  }
}
