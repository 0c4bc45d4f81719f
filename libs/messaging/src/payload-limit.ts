import { DomainError } from '@app/contracts';

/** NATS's default max_payload. The in-process bus enforces it too, so standalone refuses what distributed would. */
export const MAX_BUS_PAYLOAD_BYTES = 1024 * 1024;

/** True when a serialised message is too large for the in-process bus. */
export function exceedsBusPayloadLimit(raw: string): boolean {
  return Buffer.byteLength(raw) > MAX_BUS_PAYLOAD_BYTES;
}

/** True for the error the NATS client throws when a message exceeds the server's max_payload. */
export function isMaxPayloadExceeded(error: unknown): boolean {
  return error instanceof Error && /max_payload/i.test(error.message);
}

/** What the caller of a request too large for the bus gets: 413. */
export function requestTooLargeError(): DomainError {
  return new DomainError('payload_too_large', 413, 'The request is too large to pass to the service');
}
