import { DomainError } from '@app/contracts';
import { PublishError } from '../../apps/platform/src/providers/provider.js';

/** The DomainError `promise` rejects with; fails when it resolves or rejects with anything else. */
export async function domainErrorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

/** The status (404, 403 ...) of the DomainError `promise` rejects with. */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  return (await domainErrorOf(promise)).status;
}

/** The PublishError `promise` rejects with; fails when it resolves or rejects with anything else. */
export async function publishErrorOf(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PublishError)) throw new Error(`expected a PublishError, got ${String(error)}`);
  return error;
}
