import { type DateRangeQuery, InvalidError } from '@app/contracts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 3 * 366;

export interface DateRange {
  from: Date;
  to: Date;
  tz: string;
  /** Both ends fall on UTC midnight, so the daily rollups answer exactly. */
  isWholeUtcDays: boolean;
}

/**
 * The window of a dashboard query, widened to whole hours (the rollups' finest grain): default the last
 * 30 UTC days up to the end of today; at most 3 years.
 */
export function resolveDateRange(query: DateRangeQuery, now = new Date()): DateRange {
  const endOfToday = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const to = query.to ? new Date(Math.ceil(Date.parse(query.to) / HOUR_MS) * HOUR_MS) : endOfToday;
  const from = query.from
    ? new Date(Math.floor(Date.parse(query.from) / HOUR_MS) * HOUR_MS)
    : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new InvalidError('from must be before to');
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS)
    throw new InvalidError('The window is at most 3 years');
  const tz = query.tz ?? 'UTC';
  assertTimeZone(tz);
  const isMidnight = (date: Date) => date.getTime() % DAY_MS === 0;
  return { from, to, tz, isWholeUtcDays: isMidnight(from) && isMidnight(to) };
}

function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new InvalidError(`Unknown time zone "${tz}"; use an IANA name such as Europe/Paris`);
  }
}
