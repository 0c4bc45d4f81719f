import { ConflictError, InvalidError, type TargetStatus } from '@app/contracts';
import type { PostTargetEntity } from './post.entity.js';

/** Targets that have not started publishing: a person may still edit or cancel them. */
export const OPEN: TargetStatus[] = ['draft', 'needs_review', 'approved', 'scheduled', 'paused'];

const MAX_AHEAD_MS = 366 * 86_400_000;

/** The targets in one of `states`; none is a 409 saying why nothing can be done. */
export function inState(
  targets: PostTargetEntity[],
  states: TargetStatus[],
  message: string,
): PostTargetEntity[] {
  const matching = targets.filter((target) => states.includes(target.status));
  if (matching.length === 0) throw new ConflictError(message);
  return matching;
}

/** A paused campaign holds its posts: they are scheduled, approved or rejected once it resumes. */
export function assertNotPaused(targets: PostTargetEntity[]): void {
  if (targets.some((target) => target.status === 'paused'))
    throw new ConflictError('This post belongs to a paused campaign: resume the campaign first');
}

/** A past time means now; more than a year ahead is a mistake worth a 400. */
export function dueTime(iso: string): Date {
  const at = new Date(iso);
  if (at.getTime() - Date.now() > MAX_AHEAD_MS)
    throw new InvalidError('scheduledAt is more than a year ahead', {
      fields: [{ field: 'scheduledAt', messages: ['at most a year ahead'] }],
    });
  return new Date(Math.max(at.getTime(), Date.now()));
}
