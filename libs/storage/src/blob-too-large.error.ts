import { DomainError } from '@app/contracts';

/** A body over the size limit: 413 with the limit in words. */
export class BlobTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super('payload_too_large', 413, `The file is larger than the limit of ${formatBytes(maxBytes)}`, {
      maxBytes,
    });
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
