import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeTikTokServer } from './fake-tiktok-server.js';
import { fakeMp4Bytes } from './video-host.js';

// The fake must refuse what TikTok refuses, or tests against it prove nothing.
const MIB = 1024 * 1024;
const redirectUri = 'http://localhost:1/callback';
const client = { client_key: 'spec-key', client_secret: 'spec-secret' };
let tiktok: FakeTikTokServer;

async function authorize(
  verifier: string,
  scope = 'user.info.basic,video.publish,video.list',
): Promise<string> {
  const query = new URLSearchParams({
    client_key: client.client_key,
    response_type: 'code',
    scope,
    redirect_uri: redirectUri,
    state: 'abc',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const consent = await fetch(`${tiktok.url}/v2/auth/authorize/?${query}`, { redirect: 'manual' });
  return new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
}

function tokenCall(fields: Record<string, string>) {
  return fetch(`${tiktok.url}/v2/oauth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...client, ...fields }),
  });
}

async function connect(scope?: string): Promise<{ access_token: string; refresh_token: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const code = await authorize(verifier, scope);
  const response = await tokenCall({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  return (await response.json()) as { access_token: string; refresh_token: string };
}

function api(path: string, token: string, body?: unknown) {
  return fetch(`${tiktok.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=UTF-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const postInfo = { title: 'New mug #shop', privacy_level: 'SELF_ONLY' };

beforeAll(async () => {
  tiktok = new FakeTikTokServer({
    clientKey: client.client_key,
    clientSecret: client.client_secret,
    processingSteps: 0,
  });
  await tiktok.start();
});

afterAll(() => tiktok.stop());

describe('fake TikTok', () => {
  it('checks client credentials, spends codes once and rotates refresh tokens', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await authorize(verifier);
    const exchange = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    };
    const wrongSecret = await tokenCall({ ...exchange, client_secret: 'guess' });
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    const wrongVerifier = await tokenCall({ ...exchange, code_verifier: 'x'.repeat(43) });
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });
    // Codes are single-use: the failed exchange spent this one.
    expect(await (await tokenCall(exchange)).json()).toMatchObject({ error: 'invalid_grant' });

    const first = await connect();
    expect(first).toMatchObject({
      access_token: expect.stringMatching(/^act\./),
      refresh_token: expect.stringMatching(/^rft\./),
    });
    const rotated = (await (
      await tokenCall({ grant_type: 'refresh_token', refresh_token: first.refresh_token })
    ).json()) as {
      refresh_token: string;
    };
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    const reused = await tokenCall({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers in TikTok’s envelope and refuses unknown tokens and missing scopes', async () => {
    const denied = await api('/v2/post/publish/creator_info/query/', 'act.stolen');
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({
      data: {},
      error: {
        code: 'access_token_invalid',
        message: expect.any(String),
        log_id: expect.stringMatching(/^\d{14}[0-9A-F]+$/),
      },
    });
    const basicOnly = await connect('user.info.basic');
    const noScope = await api('/v2/post/publish/creator_info/query/', basicOnly.access_token);
    expect((await noScope.json()) as object).toMatchObject({ error: { code: 'scope_not_authorized' } });
    const info = await fetch(`${tiktok.url}/v2/user/info/?fields=open_id,display_name`, {
      headers: { authorization: `Bearer ${basicOnly.access_token}` },
    });
    expect(await info.json()).toMatchObject({
      data: { user: { open_id: expect.any(String), display_name: 'Shopcast Test Shop' } },
      error: { code: 'ok' },
    });
  });

  it('validates init bodies: post_info, privacy options and the chunk rules', async () => {
    const { access_token: token } = await connect();
    const init = (body: unknown) => api('/v2/post/publish/video/init/', token, body);
    const source = { source: 'FILE_UPLOAD', video_size: 12 * MIB, chunk_size: 5 * MIB, total_chunk_count: 2 };
    const invalid = [
      { post_info: { ...postInfo, privacy_level: 'EVERYONE' }, source_info: source },
      { post_info: { ...postInfo, title: 'x'.repeat(2201) }, source_info: source },
      { post_info: { ...postInfo, promote: true }, source_info: source },
      { post_info: postInfo, source_info: { ...source, total_chunk_count: 3 } },
      { post_info: postInfo, source_info: { ...source, chunk_size: 4 * MIB, total_chunk_count: 3 } },
      {
        post_info: postInfo,
        source_info: { ...source, video_size: 2 * MIB, chunk_size: MIB, total_chunk_count: 2 },
      },
    ];
    for (const body of invalid) {
      const response = await init(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_params' } });
    }
    // Refused calls count towards the 6 a minute too: a fresh token for the next one.
    const fresh = await connect();
    tiktok.configure({ privacyLevelOptions: ['FOLLOWER_OF_CREATOR', 'SELF_ONLY'] });
    const mismatch = await api('/v2/post/publish/video/init/', fresh.access_token, {
      post_info: { ...postInfo, privacy_level: 'PUBLIC_TO_EVERYONE' },
      source_info: source,
    });
    expect(await mismatch.json()).toMatchObject({ error: { code: 'privacy_level_option_mismatch' } });
    tiktok.configure({ privacyLevelOptions: undefined });
  });

  it('takes chunks only in order and at the announced sizes, 206 then 201, then completes the post', async () => {
    const { access_token: token } = await connect();
    const video = fakeMp4Bytes(11 * MIB);
    const response = await api('/v2/post/publish/video/init/', token, {
      post_info: postInfo,
      source_info: {
        source: 'FILE_UPLOAD',
        video_size: video.length,
        chunk_size: 5 * MIB,
        total_chunk_count: 2,
      },
    });
    const { data } = (await response.json()) as { data: { publish_id: string; upload_url: string } };
    const put = (start: number, end: number, bytes = video.subarray(start, end + 1)) =>
      fetch(data.upload_url, {
        method: 'PUT',
        headers: { 'content-type': 'video/mp4', 'content-range': `bytes ${start}-${end}/${video.length}` },
        body: bytes,
      });
    expect((await put(5 * MIB, video.length - 1)).status).toBe(416);
    expect((await put(0, 4 * MIB - 1)).status).toBe(416);
    expect((await put(0, 5 * MIB - 1)).status).toBe(206);
    const status = () => api('/v2/post/publish/status/fetch/', token, { publish_id: data.publish_id });
    expect(await (await status()).json()).toMatchObject({ data: { status: 'PROCESSING_UPLOAD' } });
    expect((await put(5 * MIB, video.length - 1)).status).toBe(201);
    const done = await (await status()).text();
    expect(done).toMatch(/"status":"PUBLISH_COMPLETE","publicaly_available_post_id":\[7\d{18}\]/);
    expect(tiktok.posts.at(-1)?.bytes.equals(video)).toBe(true);
  });

  it('limits init calls to 6 a minute per token', async () => {
    const { access_token: token } = await connect();
    const body = {
      post_info: postInfo,
      source_info: { source: 'FILE_UPLOAD', video_size: 1000, chunk_size: 1000, total_chunk_count: 1 },
    };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1)
      statuses.push((await api('/v2/post/publish/video/init/', token, body)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    const other = await connect();
    expect((await api('/v2/post/publish/video/init/', other.access_token, body)).status).toBe(200);
  });

  it('refuses PULL_FROM_URL from an unverified domain', async () => {
    const { access_token: token } = await connect();
    const response = await api('/v2/post/publish/video/init/', token, {
      post_info: postInfo,
      source_info: { source: 'PULL_FROM_URL', video_url: 'https://unverified.example/v.mp4' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'url_ownership_unverified' } });
  });
});
