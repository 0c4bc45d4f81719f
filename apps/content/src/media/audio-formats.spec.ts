import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { captureBytes, toneFile } from '../../test/video-test-support.js';
import { AUDIO_DEMUXERS } from './audio-formats.js';
import { inspectMedia } from './media-inspector.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shopcast-audio-formats-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the demuxer pinned for each accepted audio type', () => {
  it.each(['mp3', 'adts', 'ipod', 'wav', 'ogg'] as const)(
    'reads a %s upload, typed by its content, with the pinned demuxer and file access only',
    async (format) => {
      const bytes = await toneFile(format, 1);
      const { kind, mimeType } = await inspectMedia(bytes, 1_000_000);
      expect(kind).toBe('audio');
      const demuxer = AUDIO_DEMUXERS.get(mimeType);
      expect({ mimeType, demuxer }).toEqual({ mimeType, demuxer: expect.any(String) });
      const path = join(dir, `music-${format}`); // no extension, as the renderer writes it
      await writeFile(path, bytes);
      const decoded = await captureBytes('ffmpeg', [
        ...['-v', 'error', '-protocol_whitelist', 'file', '-f', demuxer as string, '-i', path],
        ...['-f', 's16le', '-ac', '1', '-ar', '8000', 'pipe:1'],
      ]);
      expect(decoded.stdout.length).toBeGreaterThan(15_000); // about a second of 16-bit samples at 8 kHz
    },
  );
});
