import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakePinterestOptions {
  clientId: string;
  clientSecret: string;
  /** Lifetime of access tokens (Pinterest: about 30 days). */
  accessTokenTtlSec?: number;
  /** Lifetime of continuous refresh tokens (Pinterest: 60 days). */
  refreshTokenTtlSec?: number;
  /** Continuous refresh: every refresh issues a new refresh token and spends the old one (default true). */
  rotateRefreshTokens?: boolean;
  /** GET /media/{id} answers `processing` this many times after the upload before the outcome (default 1). */
  mediaProcessingPolls?: number;
  /** How video processing ends (default succeeded). */
  mediaOutcome?: 'succeeded' | 'failed';
}

export interface FakeBoard {
  id: string;
  name: string;
  description: string;
  privacy: 'PUBLIC' | 'PROTECTED' | 'SECRET';
  ownerId: string;
}

export interface FakePin {
  id: string;
  userId: string;
  boardId: string;
  title: string | null;
  description: string | null;
  link: string | null;
  mediaSource: Record<string, unknown>;
  createdAt: string;
}

export interface FakeMedia {
  id: string;
  userId: string;
  status: 'registered' | 'processing' | 'succeeded' | 'failed';
  uploadParameters: Record<string, string>;
  /** Polls left in `processing` after the upload. */
  pollsLeft: number;
  uploadedBytes: number;
}

/** A request the fake received, as recorded for assertions (no Authorization header kept). */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** A scripted answer for the next request of one route (`"POST /v5/pins"`). */
export type PinterestFault =
  | { kind: 'rate_limit'; retryAfterSec?: number }
  | { kind: 'server_error'; status: number }
  /** Does the work, then never answers: the caller cannot know it happened. */
  | { kind: 'act_then_hang' };

export interface Grant {
  userId: string;
  scopes: string[];
  expiresAt: number;
}

export const FAKE_USER = { id: '2783136121146311751', username: 'shopcast_test' };

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Pinterest's one error shape, `Pinterest.Lib.Error`. */
export function sendError(response: ServerResponse, status: number, code: number, message: string): void {
  sendJson(response, status, { code, message });
}

/** PNG or JPEG, the formats Pinterest fetches for image pins. */
export function isPinImage(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

/** An ISO-BMFF (MP4/MOV) file: `ftyp` at offset 4. */
export function isVideo(bytes: Buffer): boolean {
  return bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}
