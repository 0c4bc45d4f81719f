import { open } from 'node:fs/promises';
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Bytes read from the file per write: one buffer, reused, so a 500 MiB upload leaves no garbage behind. */
const BUFFER_BYTES = 1024 * 1024;

export interface FileRange {
  path: string;
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

/**
 * Sends bytes `start`–`end` of a file as the body of one request (Content-Length set), between the optional
 * `before` and `after` bytes (a multipart form's parts), reading the file a megabyte at a time into the same
 * buffer; answers the status and the (small) response body. Rejects when the file cannot be read, the
 * server cannot be reached or `timeoutMs` passes.
 */
export async function sendFileRange(
  url: string,
  range: FileRange,
  init: {
    method: 'PUT' | 'POST';
    headers: Record<string, string>;
    timeoutMs: number;
    before?: Buffer;
    after?: Buffer;
  },
): Promise<{ status: number; body: string }> {
  const before = init.before ?? Buffer.alloc(0);
  const after = init.after ?? Buffer.alloc(0);
  const length = range.end - range.start + 1;
  const file = await open(range.path);
  const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
  const request = send(url, {
    method: init.method,
    headers: { ...init.headers, 'content-length': String(before.length + length + after.length) },
  });
  const timer = setTimeout(() => request.destroy(new Error('timed out')), init.timeoutMs);
  try {
    const answered = answerOf(request);
    // Without this, a server answering early (an error) would leave the rejection unhandled while we write.
    answered.catch(() => undefined);
    if (before.length > 0) await write(request, before);
    const buffer = Buffer.allocUnsafe(Math.min(BUFFER_BYTES, length));
    for (let offset = range.start; offset <= range.end;) {
      const { bytesRead } = await file.read(
        buffer,
        0,
        Math.min(buffer.length, range.end - offset + 1),
        offset,
      );
      if (bytesRead === 0) throw new Error('the file is shorter than the range');
      await write(request, buffer.subarray(0, bytesRead));
      offset += bytesRead;
    }
    if (after.length > 0) await write(request, after);
    request.end();
    return await answered;
  } catch (error) {
    request.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
    await file.close();
  }
}

/** Resolves once the chunk left for the socket, so the buffer may be filled again. */
function write(request: ClientRequest, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (request.destroyed) return reject(new Error('the request was closed'));
    request.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function answerOf(request: ClientRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
  });
}
