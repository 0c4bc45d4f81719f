import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakePinterestServer } from './fake-pinterest-server.js';
import { MediaHost } from './media-host.js';

// The fake must refuse what Pinterest refuses, or tests against it prove nothing.
let pinterest: FakePinterestServer;
let media: MediaHost;
let token: string;
let refreshToken: string;
const redirectUri = 'http://localhost:1/callback';
const basic = `Basic ${Buffer.from('spec-client:spec-secret').toString('base64')}`;

async function authorize(scope = 'boards:read,boards:write,pins:read,pins:write,user_accounts:read') {
  const query = new URLSearchParams({
    client_id: 'spec-client',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state: 'abc',
  });
  const consent = await fetch(`${pinterest.url}/oauth/?${query}`, { redirect: 'manual' });
  return new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
}

function tokenCall(form: Record<string, string>, authorization = basic) {
  return fetch(`${pinterest.url}/v5/oauth/token`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

function api(path: string, body?: unknown, bearer = token) {
  return fetch(`${pinterest.url}/v5${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  pinterest = new FakePinterestServer({
    clientId: 'spec-client',
    clientSecret: 'spec-secret',
    mediaProcessingPolls: 1,
  });
  media = new MediaHost();
  await Promise.all([pinterest.start(), media.start()]);
  const response = await tokenCall({
    grant_type: 'authorization_code',
    code: await authorize(),
    redirect_uri: redirectUri,
  });
  const body = (await response.json()) as { access_token: string; refresh_token: string };
  token = body.access_token;
  refreshToken = body.refresh_token;
});

afterAll(async () => {
  await pinterest.stop();
  await media.stop();
});

describe('fake Pinterest', () => {
  it('checks Basic client auth, spends codes once and rotates refresh tokens', async () => {
    const code = await authorize();
    const noAuth = await tokenCall(
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
      'Basic bm86cGU=',
    );
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({ code: 2, message: 'Authentication failed.' });
    expect(
      (await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).status,
    ).toBe(200);
    expect(
      (await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).status,
    ).toBe(400);
    const missingRedirect = await tokenCall({ grant_type: 'authorization_code', code: await authorize() });
    expect(missingRedirect.status).toBe(400);
    expect(((await missingRedirect.json()) as { message: string }).message).toMatch(/redirect_uri/);

    const refreshed = await tokenCall({ grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { refresh_token: string; response_type: string };
    expect(next).toMatchObject({ response_type: 'refresh_token', refresh_token: expect.any(String) });
    expect(next.refresh_token).not.toBe(refreshToken);
    expect((await tokenCall({ grant_type: 'refresh_token', refresh_token: refreshToken })).status).toBe(400);
  });

  it('validates POST /v5/pins against the official PinCreate schema', async () => {
    const image = { source_type: 'image_url', url: `${media.url}/a.png` };
    const cases: Array<[unknown, number]> = [
      [{ board_id: 'not-digits', media_source: image }, 400],
      [{ board_id: '549755885175', title: 't'.repeat(101), media_source: image }, 400],
      [{ board_id: '549755885175', description: 'd'.repeat(801), media_source: image }, 400],
      [
        {
          board_id: '549755885175',
          media_source: { source_type: 'multiple_image_urls', items: [{ url: image.url }] },
        },
        400,
      ],
      [{ board_id: '549755885175', media_source: { source_type: 'image_url' } }, 400],
      [
        {
          board_id: '549755885175',
          media_source: { source_type: 'image_url', url: `${media.url}/notes.txt` },
        },
        400,
      ],
      [{ board_id: '549755885999', media_source: image }, 404],
    ];
    for (const [body, status] of cases) {
      const response = await api('/pins', body);
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ code: expect.any(Number), message: expect.any(String) });
    }
    expect((await api('/pins', { board_id: '549755885175', media_source: image }, 'stolen')).status).toBe(
      401,
    );
    const created = await api('/pins', { board_id: '549755885175', title: 'Hi', media_source: image });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      board_id: '549755885175',
    });
  });

  it('runs the video upload: register, S3 multipart with every parameter, processing, then a video pin', async () => {
    const registered = (await (await api('/media', { media_type: 'video' })).json()) as {
      media_id: string;
      upload_url: string;
      upload_parameters: Record<string, string>;
    };
    expect((await api('/media', { media_type: 'image' })).status).toBe(400);
    const video = new Blob([Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom')])]);
    const partial = new FormData();
    for (const [name, value] of Object.entries(registered.upload_parameters))
      if (name !== 'policy') partial.append(name, value);
    partial.append('file', video, 'v.mp4');
    expect((await fetch(registered.upload_url, { method: 'POST', body: partial })).status).toBe(403);
    const pinTooEarly = await api('/pins', {
      board_id: '549755885175',
      media_source: { source_type: 'video_id', media_id: registered.media_id },
    });
    expect(pinTooEarly.status).toBe(400);

    const full = new FormData();
    for (const [name, value] of Object.entries(registered.upload_parameters)) full.append(name, value);
    full.append('file', video, 'v.mp4');
    expect((await fetch(registered.upload_url, { method: 'POST', body: full })).status).toBe(204);
    const statuses: string[] = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push(
        ((await (await api(`/media/${registered.media_id}`)).json()) as { status: string }).status,
      );
    expect(statuses).toEqual(['processing', 'succeeded', 'succeeded']);
    const pin = await api('/pins', {
      board_id: '549755885175',
      media_source: { source_type: 'video_id', media_id: registered.media_id, cover_image_key_frame_time: 1 },
    });
    expect(pin.status).toBe(201);
  });

  it('injects 429s in Pinterest’s error shape and only lists the caller’s own boards', async () => {
    pinterest.failNext('GET /v5/boards', { kind: 'rate_limit', retryAfterSec: 7 });
    const limited = await api('/boards');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({ code: 8, message: expect.any(String) });
    const boards = (await (await api('/boards?page_size=1')).json()) as {
      items: Array<{ id: string }>;
      bookmark: string;
    };
    expect(boards.items).toHaveLength(1);
    const rest = (await (await api(`/boards?page_size=5&bookmark=${boards.bookmark}`)).json()) as {
      items: Array<{ id: string }>;
      bookmark: string | null;
    };
    expect([...boards.items, ...rest.items].map((board) => board.id)).toEqual([
      '549755885175',
      '549755885176',
    ]);
    expect(rest.bookmark).toBeNull();
  });

  it('refuses analytics without the required query parameters', async () => {
    const pin = pinterest.pins[0];
    expect((await api(`/pins/${pin.id}/analytics?metric_types=IMPRESSION`)).status).toBe(400);
    const today = new Date().toISOString().slice(0, 10);
    const ok = await api(
      `/pins/${pin.id}/analytics?start_date=${today}&end_date=${today}&metric_types=IMPRESSION`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      all: { daily_metrics: [], summary_metrics: { IMPRESSION: 0 }, lifetime_metrics: {} },
    });
  });
});
