import type { Schema } from '../../lib/api/types';

type Limits = Schema<'SafetyLimitsView'>;

/** Whole minutes and seconds of a gap, e.g. 90 -> "1 min 30 s", 3600 -> "60 min". */
export function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** One line a person reads at a glance: cap, gap, jitter and quiet hours. */
export function limitsSummary(limits: Limits): string {
  const parts = [
    limits.dailyCap === null ? 'no daily cap' : `${limits.dailyCap} a day`,
    limits.minGapSec > 0 ? `${describeSeconds(limits.minGapSec)} apart` : 'no minimum gap',
  ];
  if (limits.jitterSec > 0) parts.push(`up to ${describeSeconds(limits.jitterSec)} jitter`);
  if (limits.quietStart && limits.quietEnd) parts.push(`quiet ${limits.quietStart}–${limits.quietEnd}`);
  return parts.join(' · ');
}
