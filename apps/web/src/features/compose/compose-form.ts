import type { Schema } from '../../lib/api/types';
import { zonedToIso } from '../../lib/zoned-time';

export interface TargetValues {
  text: string;
  title: string;
  mediaIds: string[];
  /** Caption variant label (`A`, `B`); empty for none. */
  variant: string;
}

export type When = 'now' | 'later' | 'draft';

export interface ComposeValues {
  productId: string | null;
  connectionIds: string[];
  /** By connection id. */
  targets: Record<string, TargetValues>;
  when: When;
  /** Wall-clock time in the schedule's time zone, as the date picker gives it. */
  scheduledAt: string | null;
  requireReview: boolean;
  /** Publish each target's destination URL as a tracked short link (the server's default). */
  tracking: boolean;
}

export const emptyTarget = (): TargetValues => ({ text: '', title: '', mediaIds: [], variant: '' });

/** The request that creates the post: targets in the order chosen, the time read in the schedule's zone. */
export function toCreatePost(
  values: ComposeValues,
  zone: string,
  now: () => string = () => new Date().toISOString(),
): Schema<'CreatePostDto'> {
  const targets = values.connectionIds.map((connectionId) => {
    const target = values.targets[connectionId] ?? emptyTarget();
    return {
      connectionId,
      text: target.text,
      ...(target.title.trim() ? { title: target.title.trim() } : {}),
      ...(target.mediaIds.length > 0 ? { mediaIds: target.mediaIds } : {}),
      ...(target.variant.trim() ? { variant: target.variant.trim() } : {}),
    };
  });
  const scheduledAt =
    values.when === 'now'
      ? now()
      : values.when === 'later' && values.scheduledAt
        ? zonedToIso(values.scheduledAt, zone)
        : undefined;
  return {
    ...(values.productId ? { productId: values.productId } : {}),
    targets,
    ...(scheduledAt ? { scheduledAt } : {}),
    ...(values.requireReview ? { requireReview: true } : {}),
    ...(values.tracking ? {} : { tracking: false }),
  };
}

/**
 * The server names a target by its position (`targets.1.text`); the form keys targets by connection. Errors of
 * a target's title and variant show at those fields, of its other fields at its text, where the person is looking.
 */
export function formErrorsOf(
  fields: Record<string, string>,
  connectionIds: readonly string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    const match = /^targets\.(\d+)(?:\.(\w+))?/.exec(field);
    const connectionId = match ? connectionIds[Number(match[1])] : undefined;
    if (!match || !connectionId) {
      errors[field === 'targets' ? 'connectionIds' : field] = message;
      continue;
    }
    const at = match[2] === 'title' || match[2] === 'variant' ? match[2] : 'text';
    const key = `targets.${connectionId}.${at}`;
    errors[key] = errors[key] ? `${errors[key]}; ${message}` : message;
  }
  return errors;
}
