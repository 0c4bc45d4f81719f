import type { Schema } from '../../lib/api/types';

type Schedule = Schema<'CampaignScheduleView'>;
type Weekday = Schedule['days'][number];

export const WEEKDAYS: { value: Weekday; label: string }[] = [
  { value: 'mon', label: 'Mon' },
  { value: 'tue', label: 'Tue' },
  { value: 'wed', label: 'Wed' },
  { value: 'thu', label: 'Thu' },
  { value: 'fri', label: 'Fri' },
  { value: 'sat', label: 'Sat' },
  { value: 'sun', label: 'Sun' },
];

/** "Mon, Wed, Fri at 09:00 and 18:00 (Europe/Paris)": days in week order, times in clock order. */
export function describeSchedule(schedule: Schedule): string {
  const days =
    schedule.days.length === 7
      ? 'Every day'
      : WEEKDAYS.filter((day) => schedule.days.includes(day.value))
          .map((day) => day.label)
          .join(', ');
  const times = [...schedule.times].sort();
  const at = times.length > 1 ? `${times.slice(0, -1).join(', ')} and ${times.at(-1)}` : times[0];
  return `${days} at ${at} (${schedule.timezone})`;
}

/** A moment as the clock on the wall of that time zone shows it. */
export function formatInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}
