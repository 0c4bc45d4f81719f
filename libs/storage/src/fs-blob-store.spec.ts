import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { BlobTooLargeError } from './blob-too-large.error.js';
import { FsBlobStore } from './fs-blob-store.js';
import { MediaUrlSigner } from './media-url-signer.js';

let root: string;
let nowMs = Date.UTC(2026, 0, 1);
const signer = new MediaUrlSigner('test-secret-that-is-long-enough-000000');
let blobs: FsBlobStore;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shopcast-fs-store-'));
  blobs = new FsBlobStore(root, signer, 'https://shop.example', () => nowMs);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Splits a URL made by readUrl into what the gateway sees: the key and the query. */
function parts(url: string) {
  const parsed = new URL(url);
  return {
    key: decodeURIComponent(parsed.pathname.replace(/^\/media\//, '')),
    expires: parsed.searchParams.get('expires') ?? undefined,
    signature: parsed.searchParams.get('signature') ?? undefined,
  };
}

describe('FsBlobStore', () => {
  it('stores streams atomically and reads them back', async () => {
    expect(await blobs.put('w1/a/file.bin', Readable.from(['ab', 'cd']))).toEqual({ bytes: 4 });
    expect(await text(await blobs.get('w1/a/file.bin'))).toBe('abcd');
    expect(await blobs.stat('w1/a/missing.bin')).toBeNull();
    await expect(blobs.put('w1/a/big.bin', Buffer.alloc(11), { maxBytes: 10 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await readdir(join(root, 'w1/a'))).toEqual(['file.bin']);
  });

  it('refuses keys that could leave the root', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'a//b', '']) {
      await expect(blobs.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid blob key/);
    }
  });

  it('signs URLs that are valid until they expire, for that key only', async () => {
    const url = await blobs.readUrl('w1/a/file.bin', 60);
    expect(url.startsWith('https://shop.example/media/w1/a/file.bin?expires=')).toBe(true);
    const { key, expires, signature } = parts(url);
    const nowSec = nowMs / 1000;
    expect(signer.check(key, expires, signature, nowSec)).toBe('valid');
    expect(signer.check(key, expires, signature, nowSec + 61)).toBe('expired');
    expect(signer.check('w1/a/other.bin', expires, signature, nowSec)).toBe('invalid');
    expect(signer.check(key, String(Number(expires) + 3600), signature, nowSec)).toBe('invalid');
    expect(signer.check(key, expires, flipLast(signature!), nowSec)).toBe('invalid');
    expect(signer.check(key, expires, undefined, nowSec)).toBe('invalid');
    expect(
      new MediaUrlSigner('another-secret-000000000000000000000').check(key, expires, signature, nowSec),
    ).toBe('invalid');
    nowMs += 1000;
  });
});

function flipLast(value: string): string {
  return value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A');
}
