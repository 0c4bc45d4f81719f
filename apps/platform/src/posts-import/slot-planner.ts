import type { SafetyLimitsView } from '@app/contracts';
import { checkSafetyLimits } from '../publishing/safety-limits.js';

/** What the planner knows of one connection: its limits, zone, and the publishes made or planned around now. */
export interface ConnectionTimeline {
  limits: SafetyLimitsView;
  timezone: string;
  /** Publishes started in the last 24 hours and targets planned from then on, in ms, any order. */
  times: number[];
}

const DAY_MS = 86_400_000;
const MAX_STEPS = 100_000;

/**
 * Plans `next-slot` posts without a campaign: each at the earliest time every one of its connections may
 * publish under its safety limits (daily cap, minimum gap plus jitter, quiet hours), as the publisher decides
 * them, counting the publishes already made and planned on either side, and the posts planned before it.
 */
export class SlotPlanner {
  private readonly timelines = new Map<string, ConnectionTimeline>();
  /** Per set of connections, the time before which none of its searches can succeed any more. */
  private readonly searchedUntil = new Map<string, number>();

  constructor(timelines: ReadonlyMap<string, ConnectionTimeline>) {
    for (const [id, timeline] of timelines) {
      // The jitter moves a post up to jitterSec later, so a slot keeps that much more room.
      const limits = { ...timeline.limits, minGapSec: timeline.limits.minGapSec + timeline.limits.jitterSec };
      this.timelines.set(id, { ...timeline, limits, times: [...timeline.times].sort((a, b) => a - b) });
    }
  }

  /** The earliest time from `from` on that all `connectionIds` allow, taken for them; null if none before `until`. */
  take(connectionIds: readonly string[], from: Date, until: Date): Date | null {
    const key = [...connectionIds].sort().join(' ');
    // Taking times only ever removes room, so a set's search goes on from where its last one ended.
    let at = Math.max(from.getTime(), this.searchedUntil.get(key) ?? 0);
    for (let step = 0; step < MAX_STEPS && at <= until.getTime(); step += 1) {
      const next = Math.max(...connectionIds.map((id) => this.allowedFrom(id, at)));
      if (next === at) {
        for (const id of connectionIds) this.record(id, at);
        this.searchedUntil.set(key, at);
        return new Date(at);
      }
      at = next;
    }
    this.searchedUntil.set(key, Number.POSITIVE_INFINITY);
    return null;
  }

  /** `at` when the connection may publish then; otherwise a later time worth trying. */
  private allowedFrom(connectionId: string, at: number): number {
    const timeline = this.timelines.get(connectionId);
    if (!timeline) return at;
    const { limits, times } = timeline;
    const after = firstAfter(times, at);
    const windowStart = firstAfter(times, at - DAY_MS);
    const decision = checkSafetyLimits(
      limits,
      timeline.timezone,
      {
        lastDispatchedAt: after > 0 ? new Date(times[after - 1]) : null,
        countLast24h: after - windowStart,
        oldestLast24h: after > windowStart ? new Date(times[windowStart]) : null,
      },
      new Date(at),
    );
    if (!decision.isAllowed) return Math.max(decision.retryAt.getTime(), at + 1);
    // The publishes planned after `at` must keep their gap, and no 24 hours holding them may go over the cap.
    const gapMs = limits.minGapSec * 1000;
    if (after < times.length && times[after] - at < gapMs) return times[after] + gapMs;
    if (limits.dailyCap === null) return at;
    for (let index = after; index < times.length && times[index] < at + DAY_MS; index += 1) {
      const inWindow = index + 1 - firstAfter(times, times[index] - DAY_MS);
      if (inWindow + 1 > limits.dailyCap) return times[index] + 1;
    }
    return at;
  }

  private record(connectionId: string, at: number): void {
    const timeline = this.timelines.get(connectionId);
    if (timeline) timeline.times.splice(firstAfter(timeline.times, at), 0, at);
  }
}

/** The index of the first time after `at` in ascending `times` (their count when none is). */
function firstAfter(times: readonly number[], at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}
