import { describe, expect, it } from '@jest/globals';
import { ApiError, messageOf, unwrap } from './api-error';

describe('ApiError', () => {
  it("keeps the server's message, code and field errors, keyed by field path for forms", () => {
    const error = new ApiError(400, {
      code: 'invalid',
      status: 400,
      message: 'title must be shorter',
      requestId: 'r1',
      details: { fields: [{ field: 'targets.0.text', messages: ['too long', 'has a bad link'] }] },
    });
    expect(error.message).toBe('title must be shorter');
    expect(error.code).toBe('invalid');
    expect(error.requestId).toBe('r1');
    expect(error.fieldMessages()).toEqual({ 'targets.0.text': 'too long; has a bad link' });
  });

  it('says something useful when the body is not an error body', () => {
    const error = new ApiError(502, 'Bad Gateway');
    expect(error.message).toBe('The request failed (502)');
    expect(error.fields).toEqual([]);
  });
});

describe('unwrap', () => {
  it('returns the data of a success and throws an ApiError otherwise', () => {
    expect(unwrap({ data: { id: 1 }, response: new Response(null, { status: 200 }) })).toEqual({ id: 1 });
    expect(() =>
      unwrap({
        error: { message: 'Not found', code: 'not_found' },
        response: new Response(null, { status: 404 }),
      }),
    ).toThrow(new ApiError(404, { message: 'Not found' }));
  });
});

describe('messageOf', () => {
  it('explains a network failure instead of showing the browser error', () => {
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(/cannot be reached/);
  });
});
