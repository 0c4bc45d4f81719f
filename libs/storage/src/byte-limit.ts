import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLargeError } from './blob-too-large.error.js';

/** A pass-through stream that counts bytes and fails with BlobTooLargeError past `maxBytes`. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(private readonly maxBytes: number = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(new BlobTooLargeError(this.maxBytes));
    callback(null, chunk);
  }
}
