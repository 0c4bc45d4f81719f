import { describe, expect, it } from '@jest/globals';
import { type ComposeValues, formErrorsOf, toCreatePost } from './compose-form';

const values = (overrides: Partial<ComposeValues>): ComposeValues => ({
  productId: 'p1',
  connectionIds: ['c1', 'c2'],
  targets: {
    c1: { text: 'Hello', title: '', mediaIds: ['m1'], variant: ' A ' },
    c2: { text: 'Pin it', title: ' A title ', mediaIds: [], variant: '' },
  },
  when: 'draft',
  scheduledAt: null,
  requireReview: false,
  tracking: true,
  ...overrides,
});

describe('compose form', () => {
  it('builds one target per chosen connection, in order, with only what was filled in', () => {
    expect(toCreatePost(values({}), 'UTC')).toEqual({
      productId: 'p1',
      targets: [
        { connectionId: 'c1', text: 'Hello', mediaIds: ['m1'], variant: 'A' },
        { connectionId: 'c2', text: 'Pin it', title: 'A title' },
      ],
    });
    expect(toCreatePost(values({ tracking: false }), 'UTC')).toMatchObject({ tracking: false });
  });

  it('publishes now, or at the picked time read in the connection zone, and asks for review when told', () => {
    expect(toCreatePost(values({ when: 'now' }), 'UTC', () => '2026-05-01T10:00:00.000Z').scheduledAt).toBe(
      '2026-05-01T10:00:00.000Z',
    );
    const later = toCreatePost(
      values({ when: 'later', scheduledAt: '2026-05-01 09:00:00', requireReview: true }),
      'Europe/Paris',
    );
    expect(later).toMatchObject({ scheduledAt: '2026-05-01T07:00:00.000Z', requireReview: true });
  });

  it('puts the server field errors at the target they name', () => {
    expect(
      formErrorsOf(
        {
          'targets.1.text': 'X allows 280 weighted characters; this text has 300',
          'targets.1.mediaIds': 'at most 4 images',
          'targets.0.title': 'too long',
          'targets.0.variant': 'variant must be shorter than or equal to 50 characters',
          scheduledAt: 'at most a year ahead',
          targets: 'targets needs at least one connection',
        },
        ['c1', 'c2'],
      ),
    ).toEqual({
      'targets.c2.text': 'X allows 280 weighted characters; this text has 300; at most 4 images',
      'targets.c1.title': 'too long',
      'targets.c1.variant': 'variant must be shorter than or equal to 50 characters',
      scheduledAt: 'at most a year ahead',
      connectionIds: 'targets needs at least one connection',
    });
  });
});
