import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { RateLimitedError } from '@app/contracts';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * argon2id hashing and verification of passwords. At most PASSWORD_HASH_CONCURRENCY hashes run at once: they
 * run on libuv's thread pool (4 threads), which file, DNS and crypto calls need too, so a sign-in flood must
 * not take all of it. Beyond PASSWORD_HASH_QUEUE_MAX waiting, a hash is refused at once (429) rather than
 * queued behind work its caller would stop waiting for.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;
  private readonly limit: LimitFunction;
  private readonly capacity: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { passwordHashConcurrency, passwordHashQueueMax } = config.auth;
    this.limit = pLimit(passwordHashConcurrency);
    this.capacity = passwordHashConcurrency + passwordHashQueueMax;
  }

  hash(password: string): Promise<string> {
    this.admit();
    return this.limit(() => hash(password, ARGON2_OPTIONS));
  }

  /** False for a wrong password and for a hash that cannot be parsed. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    this.admit();
    try {
      return await this.limit(() => verify(passwordHash, password));
    } catch {
      return false;
    }
  }

  /** Spends the time of a real verification and fails, so an unknown email is not told apart by timing. */
  async verifyNobody(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummyHash, password);
    return false;
  }

  private admit(): void {
    if (this.limit.activeCount + this.limit.pendingCount < this.capacity) return;
    throw new RateLimitedError('Too many sign-ins at once; try again in a few seconds', 2);
  }
}
