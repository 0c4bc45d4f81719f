import type { SafetyLimitsView } from '@app/contracts';

export interface DispatchHistory {
  /** When this connection last started a publish. */
  lastDispatchedAt: Date | null;
  /** Publishes started in the last 24 hours, oldest first (only the first is needed). */
  countLast24h: number;
  oldestLast24h: Date | null;
}

export type LimitDecision = { isAllowed: true } | { isAllowed: false; retryAt: Date; reason: string };

const DAY_MS = 86_400_000;

/**
 * Whether a connection may publish at `now`; when not, the earliest time it may and why, in words a user
 * understands. Quiet hours are wall-clock times in the connection's time zone.
 */
export function checkSafetyLimits(
  limits: SafetyLimitsView,
  timezone: string,
  history: DispatchHistory,
  now: Date,
): LimitDecision {
  if (limits.dailyCap !== null && history.countLast24h >= limits.dailyCap && history.oldestLast24h) {
    const retryAt = new Date(history.oldestLast24h.getTime() + DAY_MS);
    return {
      isAllowed: false,
      retryAt,
      reason: `Daily cap of ${limits.dailyCap} posts reached for this account`,
    };
  }
  if (limits.minGapSec > 0 && history.lastDispatchedAt) {
    const earliest = history.lastDispatchedAt.getTime() + limits.minGapSec * 1000;
    if (earliest > now.getTime())
      return {
        isAllowed: false,
        retryAt: new Date(earliest),
        reason: `Keeping at least ${limits.minGapSec} s between posts of this account`,
      };
  }
  if (limits.quietStart && limits.quietEnd) {
    const end = quietEndAfter(now, timezone, limits.quietStart, limits.quietEnd);
    if (end)
      return {
        isAllowed: false,
        retryAt: end,
        reason: `Quiet hours ${limits.quietStart}–${limits.quietEnd} (${timezone})`,
      };
  }
  return { isAllowed: true };
}

/** Adds up to `jitterSec` random seconds. */
export function withJitter(at: Date, jitterSec: number): Date {
  return jitterSec > 0 ? new Date(at.getTime() + Math.floor(Math.random() * jitterSec * 1000)) : at;
}

/** When `now` falls in quiet hours, the moment they end; else null. Handles windows across midnight. */
export function quietEndAfter(now: Date, timezone: string, start: string, end: string): Date | null {
  const minuteNow = localMinuteOfDay(now, timezone);
  const startMin = toMinutes(start);
  const endMin = toMinutes(end);
  const isQuiet =
    startMin <= endMin
      ? minuteNow >= startMin && minuteNow < endMin
      : minuteNow >= startMin || minuteNow < endMin;
  if (!isQuiet) return null;
  const minutesLeft = (endMin - minuteNow + 1440) % 1440 || 1440;
  const at = new Date(now.getTime() + minutesLeft * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

function localMinuteOfDay(at: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}
