import type { Post } from '../../lib/posts';
import { platformColor, platformLabel, statusLabel } from '../../lib/post-status';

/** States a person may still move to another time (the schedule endpoint takes them). */
const MOVABLE: readonly string[] = ['draft', 'approved', 'scheduled'];

/** The time a post sits at on the calendar: when it went out, else when it is due; none for an unscheduled draft. */
export function postTime(post: Post): string | null {
  const published = post.targets.map((target) => target.publishedAt).find((at) => at !== null);
  const due = post.targets.map((target) => target.dueAt).find((at) => at !== null);
  return published ?? post.scheduledAt ?? due ?? null;
}

/** The platforms of a post, each once, in target order. */
export function platformsOf(post: Post): string[] {
  return [...new Set(post.targets.map((target) => target.platform))];
}

/** A short line of the post's text, for lists and calendar cells. */
export function snippet(post: Post, length = 60): string {
  const text = (post.targets[0]?.text ?? '').replace(/\s+/g, ' ').trim();
  return [...text].length > length ? `${[...text].slice(0, length - 1).join('')}…` : text;
}

export interface CalendarEvent {
  id: string;
  title: string;
  start: string;
  allDay: false;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  editable: boolean;
  classNames: string[];
  extendedProps: { status: string; platforms: string[] };
}

/**
 * One event per post with a time: coloured by its first platform, and named with its platforms and status in
 * words, so colour is never the only cue. Only posts not yet out (and not awaiting review) can be dragged.
 */
export function toCalendarEvents(posts: readonly Post[], connectionId: string | null): CalendarEvent[] {
  return posts
    .filter(
      (post) => connectionId === null || post.targets.some((target) => target.connectionId === connectionId),
    )
    .flatMap((post) => {
      const start = postTime(post);
      if (!start) return [];
      const platforms = platformsOf(post);
      const color = platformColor(platforms[0] ?? 'manual');
      return [
        {
          id: post.id,
          title: `${platforms.map(platformLabel).join(', ')} · ${statusLabel(post.status)} · ${snippet(post, 40)}`,
          start,
          allDay: false as const,
          backgroundColor: color,
          borderColor: color,
          textColor: '#ffffff',
          editable: MOVABLE.includes(post.status),
          classNames: [`post-status-${post.status}`],
          extendedProps: { status: post.status, platforms },
        },
      ];
    });
}
