import dayjs from 'dayjs';

/** A picked range of whole days, as Mantine's date pickers give it (`YYYY-MM-DD`, ends included). */
export type DayRange = [string, string];

/** The window the analytics API reads: instants, and the zone its days are counted in. */
export interface RangeQuery {
  from: string;
  to: string;
  tz: string;
}

export const PRESET_DAYS = [7, 30, 90] as const;
export type PresetDays = (typeof PRESET_DAYS)[number];

const DAY_FORMAT = 'YYYY-MM-DD';

/** The last `days` days up to and including today. */
export function presetRange(days: number, today = dayjs()): DayRange {
  return [today.subtract(days - 1, 'day').format(DAY_FORMAT), today.format(DAY_FORMAT)];
}

/** The preset a range is, when it is one (so its button shows as chosen). */
export function presetOf(range: DayRange, today = dayjs()): PresetDays | undefined {
  return PRESET_DAYS.find((days) => {
    const [from, to] = presetRange(days, today);
    return from === range[0] && to === range[1];
  });
}

/** From the first day's midnight to the midnight after the last day, in the browser's zone (`dayjs()` is local). */
export function toRangeQuery([first, last]: DayRange, tz: string): RangeQuery {
  return {
    from: dayjs(first).startOf('day').toISOString(),
    to: dayjs(last).add(1, 'day').startOf('day').toISOString(),
    tz,
  };
}

/** The range in words: `1 Dec – 7 Dec 2026`, or with both years when they differ. */
export function describeRange([first, last]: DayRange): string {
  const start = dayjs(first);
  const end = dayjs(last);
  if (start.isSame(end, 'day')) return end.format('D MMM YYYY');
  return `${start.format(start.isSame(end, 'year') ? 'D MMM' : 'D MMM YYYY')} – ${end.format('D MMM YYYY')}`;
}

/** The browser's IANA time zone, so days in the reports start at the person's midnight. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** One day of a chart: the API leaves out days without data, the chart shows them as 0. */
export interface DayPoint {
  day: string;
  label: string;
  value: number;
}

/** Every day of the range with its value; points are instants of local midnights (the query's zone is the browser's). */
export function dailyPoints(points: { at: string; value: number }[], [first, last]: DayRange): DayPoint[] {
  const byDay = new Map(points.map((point) => [dayjs(point.at).format(DAY_FORMAT), point.value]));
  const days: DayPoint[] = [];
  for (let day = dayjs(first); !day.isAfter(dayjs(last), 'day'); day = day.add(1, 'day')) {
    const key = day.format(DAY_FORMAT);
    days.push({ day: key, label: day.format('D MMM'), value: byDay.get(key) ?? 0 });
  }
  return days;
}
