import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeXServer } from './fake-x-server.js';
import { specSchema } from './x-spec.js';

// GET /2/tweets/:id of the fake must refuse what X refuses and answer in the spec's shape.
let x: FakeXServer;
let token: string;
let tweetId: string;
const redirectUri = 'http://localhost:1/callback';

async function accessToken(): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'spec-client',
    redirect_uri: redirectUri,
    scope: 'tweet.read tweet.write users.read offline.access',
    state: 'abc',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const consent = await fetch(`${x.url}/i/oauth2/authorize?${query}`, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
  const response = await fetch(`${x.url}/2/oauth2/token`, {
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
  return ((await response.json()) as { access_token: string }).access_token;
}

function lookup(id: string, query: string, bearer = token) {
  return fetch(`${x.url}/2/tweets/${id}?${query}`, { headers: { authorization: `Bearer ${bearer}` } });
}

beforeAll(async () => {
  x = new FakeXServer({ clientId: 'spec-client' });
  await x.start();
  token = await accessToken();
  const created = await fetch(`${x.url}/2/tweets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'counted' }),
  });
  tweetId = ((await created.json()) as { data: { id: string } }).data.id;
});

afterAll(() => x.stop());

describe('fake X post lookup', () => {
  it('answers the counters a test set, in the shape of the spec', async () => {
    x.setMetrics(tweetId, { impressions: 900, likes: 12, reposts: 3, urlLinkClicks: 8 });
    const response = await lookup(tweetId, 'post.fields=public_metrics,non_public_metrics,organic_metrics');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Record<string, unknown> };
    expect(specSchema('GetPostsByIdResponse')(body)).toBe(true);
    expect(body.data).toMatchObject({
      id: tweetId,
      public_metrics: { impression_count: 900, like_count: 12, repost_count: 3, reply_count: 0 },
      non_public_metrics: { impression_count: 900, url_link_clicks: 8 },
    });
  });

  it('refuses parameters and values the spec does not have, bad ids and missing tokens', async () => {
    const wrongName = await lookup(tweetId, 'tweet.fields=public_metrics');
    expect(wrongName.status).toBe(400);
    expect(await wrongName.json()).toMatchObject({
      title: 'Invalid Request',
      errors: [expect.objectContaining({ message: expect.stringMatching(/tweet\.fields/) })],
    });
    expect((await lookup(tweetId, 'post.fields=public_metrics,view_count')).status).toBe(400);
    expect((await lookup('not-an-id', 'post.fields=public_metrics')).status).toBe(400);
    expect((await lookup(tweetId, 'post.fields=public_metrics', 'stolen-token')).status).toBe(401);
  });

  it('answers an unknown id with 200 and a resource-not-found error, as X does', async () => {
    const response = await lookup('1234567890', 'post.fields=public_metrics');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      errors: [expect.objectContaining({ type: 'https://api.x.com/2/problems/resource-not-found' })],
    });
  });

  it('sends the x-rate-limit reset with a 429', async () => {
    x.failNextTweetReads({ kind: 'rate_limit', resetInSec: 5 });
    const limited = await lookup(tweetId, 'post.fields=public_metrics');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });
});
