import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { DomainError, InvalidError, UpstreamError } from '@app/contracts';
import { BlobTooLargeError, ByteLimit } from '@app/storage';
import { isPublicAddress } from './address-policy.js';

export interface SafeFetchOptions {
  /** Allow loopback and private addresses (SHOPCAST_ALLOW_PRIVATE_URLS, for tests and private deployments). */
  allowPrivate: boolean;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Largest response body accepted, in bytes (default 10 MiB). */
  maxBytes?: number;
  /** Deadline for the whole exchange, redirects included (default 10 s). */
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: string;
  body: Buffer;
}

/** A response whose body is read as it arrives; the same size and time bounds apply while it streams. */
export interface SafeStreamResponse extends Omit<SafeResponse, 'body'> {
  /**
   * The body: fails with a 413 DomainError once more than `maxBytes` arrived (whatever Content-Length said),
   * and with an UpstreamError at the deadline. Destroy it to stop reading early.
   */
  body: Readable;
}

export class BlockedAddressError extends InvalidError {
  constructor(host: string) {
    super(`The URL is not allowed: ${host} is a private, loopback or reserved address`);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a user-supplied URL without letting it reach internal services: every address the host resolves
 * to is checked at connect time (so DNS rebinding cannot swap it), every redirect is checked again, and
 * size and time are bounded. The body is held in memory: for large files use safeFetchStream.
 */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<SafeResponse> {
  const response = await safeFetchStream(url, options);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
  } catch (error) {
    throw asFetchError(error);
  }
  return { ...response, body: Buffer.concat(chunks) };
}

/**
 * safeFetch without buffering: answers once the final response's headers arrived, after refusing a
 * declared Content-Length above `maxBytes` without reading the body. The deadline covers reading the body.
 */
export async function safeFetchStream(url: string, options: SafeFetchOptions): Promise<SafeStreamResponse> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let current = parseHttpUrl(url);
  let method = options.method ?? 'GET';
  let body = options.body;
  for (let redirects = 0; ; redirects += 1) {
    const response = await requestOnce(current, { ...options, method, body }, deadline);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || !location) return { ...response, url: current.toString() };
    response.body.destroy();
    if (redirects >= (options.maxRedirects ?? 5)) throw new UpstreamError('The URL redirects too many times');
    current = parseHttpUrl(new URL(location, current).toString());
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
    }
  }
}

/** Only absolute http(s) URLs without credentials. */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidError('The URL is not valid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidError('Only http and https URLs are allowed');
  if (url.username || url.password) throw new InvalidError('URLs with credentials are not allowed');
  return url;
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const blocked = !allowPrivate && addresses.some((entry) => !isPublicAddress(entry.address));
      if (blocked || addresses.length === 0) return callback(new BlockedAddressError(hostname), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function requestOnce(
  url: URL,
  options: SafeFetchOptions & { method: string },
  deadline: number,
): Promise<Omit<SafeStreamResponse, 'url'>> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !options.allowPrivate && !isPublicAddress(host)) throw new BlockedAddressError(host);
  const remainingMs = deadline - Date.now();
  if (remainingMs <= 0) throw new UpstreamError('The remote server did not answer in time');
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: options.method,
      headers: { 'user-agent': 'Shopcast/1.0', ...options.headers },
      lookup: guardedLookup(options.allowPrivate),
      timeout: remainingMs,
    });
    const timedOut = () => new UpstreamError('The remote server did not answer in time');
    const timer = setTimeout(() => request.destroy(timedOut()), remainingMs);
    request.on('timeout', () => request.destroy(timedOut()));
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(asFetchError(error));
    });
    request.on('response', (response: IncomingMessage) => {
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        clearTimeout(timer);
        response.destroy();
        request.destroy();
        return reject(new BlobTooLargeError(maxBytes));
      }
      const body = new ByteLimit(maxBytes);
      // From here the deadline ends the body, not the request: the caller reads the body at its own pace.
      clearTimeout(timer);
      const bodyTimer = setTimeout(() => body.destroy(timedOut()), Math.max(0, deadline - Date.now()));
      pipeline(response, body, (error) => {
        clearTimeout(bodyTimer);
        if (error) request.destroy();
      });
      body.on('close', () => {
        clearTimeout(bodyTimer);
        response.destroy();
      });
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
    });
    request.end(options.body);
  });
}

function asFetchError(error: unknown): DomainError {
  return error instanceof DomainError
    ? error
    : new UpstreamError(`Could not fetch the URL: ${describe(error)}`);
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error';
}
