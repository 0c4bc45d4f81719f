import { describe, expect, it } from '@jest/globals';
import type { Post, PostTarget } from '../../lib/posts';
import { postTime, snippet, toCalendarEvents } from './calendar-events';

const target = (overrides: Partial<PostTarget>): PostTarget =>
  ({
    id: 't1',
    connectionId: 'c1',
    platform: 'x',
    text: 'Walnut boards, oiled by hand #woodwork',
    title: null,
    status: 'scheduled',
    dueAt: '2026-05-02T10:00:07.000Z',
    publishedAt: null,
    ...overrides,
  }) as PostTarget;

const post = (overrides: Partial<Post>, targets: PostTarget[] = [target({})]): Post =>
  ({
    id: 'p1',
    status: 'scheduled',
    scheduledAt: '2026-05-02T10:00:00.000Z',
    targets,
    ...overrides,
  }) as Post;

describe('calendar events', () => {
  it('places a post at its publish time, else its schedule; an unscheduled draft has no place', () => {
    expect(postTime(post({}, [target({ publishedAt: '2026-05-02T10:01:00.000Z' })]))).toBe(
      '2026-05-02T10:01:00.000Z',
    );
    expect(postTime(post({}))).toBe('2026-05-02T10:00:00.000Z');
    expect(postTime(post({ status: 'draft', scheduledAt: null }, [target({ dueAt: null })]))).toBeNull();
  });

  it('names platforms and status in words, colours by platform, and lets only pending posts move', () => {
    const [scheduled, published] = toCalendarEvents(
      [
        post({}, [target({}), target({ id: 't2', platform: 'pinterest' })]),
        post({ id: 'p2', status: 'published' }, [
          target({ platform: 'webhook', publishedAt: '2026-05-01T08:00:00.000Z' }),
        ]),
        post({ id: 'p3', status: 'draft', scheduledAt: null }, [target({ dueAt: null })]),
      ],
      null,
    );
    expect(scheduled).toMatchObject({
      id: 'p1',
      title: 'X, Pinterest · Scheduled · Walnut boards, oiled by hand #woodwork',
      backgroundColor: '#14171a',
      editable: true,
    });
    expect(published).toMatchObject({
      id: 'p2',
      title: expect.stringMatching(/^Webhook · Published/),
      editable: false,
    });
  });

  it('keeps only the posts of the chosen connection', () => {
    const posts = [post({}), post({ id: 'p2' }, [target({ connectionId: 'c2' })])];
    expect(toCalendarEvents(posts, 'c2').map((event) => event.id)).toEqual(['p2']);
  });

  it('shortens a long text on a whole character', () => {
    expect(snippet(post({}, [target({ text: `${'😀'.repeat(10)}` })]), 5)).toBe('😀😀😀😀…');
  });
});
