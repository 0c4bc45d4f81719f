import { NEXT_SLOT } from '@app/contracts';
import { instantOf, isTimeZone, type WallTime } from '../campaigns/campaign-schedule.js';
import { RowProblem } from './row-problem.js';

/** When a row's post goes out: a given instant, or the next slot (the campaign's, or the accounts' next allowed time). */
export type RowTime = { kind: 'at'; at: Date } | { kind: 'next-slot' };

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NEXT_SLOT_WORDS = /^next[-_ ]?slot$/i;
/** A time this much in the past is still taken as "now": the file was written a moment ago. */
const PAST_TOLERANCE_MS = 5 * 60_000;
const MINUTE_MS = 60_000;

/**
 * Reads a row's time: ISO 8601 with an offset (`2026-05-01T09:00:00+02:00`, `...Z`), a local time read in
 * `zone` (an IANA time zone from the row), or `next-slot`. A local time the zone skips (a DST jump) and a
 * time already past are refused.
 */
export function readTime(raw: string, zone: string | null, now: Date): RowTime {
  if (NEXT_SLOT_WORDS.test(raw)) return { kind: 'next-slot' };
  const match = DATE_TIME.exec(raw);
  if (!match) throw new RowProblem(`scheduledAt "${raw}" is not a date and time; ${HOW}`);
  const [, year, month, day, hour, minute, second = '0', fraction = '0', offset] = match;
  const wall = { year: +year, month: +month, day: +day, hour: +hour, minute: +minute };
  const extraMs = +second * 1000 + Math.round(Number(`0.${fraction}`) * 1000);
  if (!isRealWallTime(wall, +second))
    throw new RowProblem(`scheduledAt "${raw}" is not a real date and time`);
  const at = offset === undefined ? inZone(raw, wall, zone) : withOffset(raw, wall, offset);
  const instant = new Date(at.getTime() + extraMs);
  if (instant.getTime() < now.getTime() - PAST_TOLERANCE_MS)
    throw new RowProblem(`scheduledAt "${raw}" has already passed`);
  return { kind: 'at', at: instant };
}

const HOW = `give a date and time with its offset (2026-05-01T09:00:00+02:00), a local time with a timezone column (Europe/Paris), or ${NEXT_SLOT}`;

function isRealWallTime(wall: WallTime, second: number): boolean {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  return (
    date.getUTCMonth() === wall.month - 1 &&
    date.getUTCDate() === wall.day &&
    wall.hour < 24 &&
    wall.minute < 60 &&
    second < 60
  );
}

function withOffset(raw: string, wall: WallTime, offset: string): Date {
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  if (offset.toUpperCase() === 'Z') return new Date(utc);
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  if (minutes > 14 * 60) throw new RowProblem(`scheduledAt "${raw}" has an offset beyond ±14:00`);
  return new Date(utc - (offset[0] === '-' ? -minutes : minutes) * MINUTE_MS);
}

function inZone(raw: string, wall: WallTime, zone: string | null): Date {
  if (zone === null)
    throw new RowProblem(
      `scheduledAt "${raw}" has no time zone: add an offset such as +02:00, or a timezone column (Europe/Paris)`,
    );
  if (!isTimeZone(zone))
    throw new RowProblem(`timezone "${zone}" is not an IANA time zone such as Europe/Paris`);
  const at = instantOf(wall, zone);
  if (!at) throw new RowProblem(`scheduledAt "${raw}" does not exist in ${zone}: the clocks skip that hour`);
  return at;
}
