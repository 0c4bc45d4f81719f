import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeXServer } from './fake-x-server.js';

// The fake must refuse what X refuses, or tests against it prove nothing.
let x: FakeXServer;
let token: string;
const redirectUri = 'http://localhost:1/callback';

async function authorize(verifier: string): Promise<string> {
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'spec-client',
    redirect_uri: redirectUri,
    scope: 'tweet.read tweet.write users.read media.write offline.access',
    state: 'abc',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const consent = await fetch(`${x.url}/i/oauth2/authorize?${query}`, { redirect: 'manual' });
  return new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
}

function exchange(code: string, verifier: string) {
  return fetch(`${x.url}/2/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: 'spec-client',
    }),
  });
}

function tweet(body: unknown, bearer = token) {
  return fetch(`${x.url}/2/tweets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  x = new FakeXServer({ clientId: 'spec-client' });
  await x.start();
  const verifier = randomBytes(32).toString('base64url');
  const response = await exchange(await authorize(verifier), verifier);
  token = ((await response.json()) as { access_token: string }).access_token;
});

afterAll(() => x.stop());

describe('fake X', () => {
  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const code = await authorize('the-right-verifier-the-right-verifier-0123456789');
    const response = await exchange(code, 'a-wrong-verifier-a-wrong-verifier-0123456789');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('validates POST /2/tweets against the official schema and answers with X problem bodies', async () => {
    const unknownField = await tweet({ text: 'hello', promoted: true });
    expect(unknownField.status).toBe(400);
    expect(await unknownField.json()).toMatchObject({
      title: 'Invalid Request',
      type: 'https://api.x.com/2/problems/invalid-request',
      errors: [expect.objectContaining({ message: expect.stringMatching(/promoted/) })],
    });
    expect((await tweet({ text: 'hello', media: { media_ids: ['not-a-number'] } })).status).toBe(400);
    expect((await tweet({ text: 'hello' }, 'stolen-token')).status).toBe(401);
    expect((await tweet({ text: 'x'.repeat(281) })).status).toBe(400);

    const created = await tweet({ text: 'hello' });
    expect(created.status).toBe(201);
    const duplicate = await tweet({ text: 'hello' });
    expect(duplicate.status).toBe(403);
    expect(await duplicate.json()).toMatchObject({
      detail: 'You are not allowed to create a Tweet with duplicate content.',
    });
  });

  it('sends the x-rate-limit reset with a 429', async () => {
    x.failNextTweets({ kind: 'rate_limit', resetInSec: 5 });
    const limited = await tweet({ text: 'limited' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });
});
