import { pbkdf2 } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { RateLimitedError } from '@app/contracts';
import { testConfig } from '../../../../test/support/test-config.js';
import { PasswordHasher } from './password.hasher.js';

const FLOOD = 60;

/** How long a tiny job waits for a thread of libuv's pool (the one argon2, files, DNS and crypto share). */
function threadPoolWaitMs(): Promise<number> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) =>
    pbkdf2('probe', 'salt', 1, 32, 'sha256', (error) =>
      error ? reject(error) : resolve(performance.now() - startedAt),
    ),
  );
}

describe('PasswordHasher', () => {
  it('hashes and verifies with argon2id', async () => {
    const hasher = new PasswordHasher(testConfig());
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$/);
    await expect(hasher.verify(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'wrong')).resolves.toBe(false);
    await expect(hasher.verify('not a hash', 'wrong')).resolves.toBe(false);
  });

  it('leaves the thread pool free for other work during a flood of sign-ins', async () => {
    const hasher = new PasswordHasher(
      testConfig({ PASSWORD_HASH_CONCURRENCY: '2', PASSWORD_HASH_QUEUE_MAX: '100' }),
    );
    const stored = await hasher.hash('a password');
    const oneHashStartedAt = performance.now();
    await hasher.verify(stored, 'guess');
    const oneHashMs = performance.now() - oneHashStartedAt;

    const flood = Array.from({ length: FLOOD }, () => hasher.verify(stored, 'guess'));
    // The flood reaches the pool first, as requests arriving before the probe would.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const waitMs = await threadPoolWaitMs();
    await Promise.all(flood);
    // Unbounded, the probe queues behind FLOOD / 4 hashes or more (measured: about 25 hashes' time for 40);
    // bounded, two of the four threads stay free and it waits for none (measured: under a millisecond to 7 ms).
    expect(waitMs).toBeLessThan(Math.max(4 * oneHashMs, 60));
  });

  it('refuses at once, with 429, a hash beyond the queue rather than letting the queue grow', async () => {
    const hasher = new PasswordHasher(
      testConfig({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_MAX: '5' }),
    );
    const stored = await hasher.hash('a password');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => hasher.verify(stored, 'guess')),
    );
    const refused = results.filter((result) => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(6);
    expect(refused).toHaveLength(14);
    for (const result of refused) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitedError);
      expect((result as PromiseRejectedResult).reason).toMatchObject({ status: 429 });
    }
    // Once the queue drains, hashing works again.
    await expect(hasher.verify(stored, 'a password')).resolves.toBe(true);
  });
});
