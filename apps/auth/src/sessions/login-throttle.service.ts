import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { describeWait, RateLimitedError } from '@app/contracts';
import { SessionsRepository } from './sessions.repository.js';

const UNKNOWN_ADDRESS = 'unknown';

/**
 * Limits password guessing per email and client address: after LOGIN_MAX_FAILURES failed attempts within
 * LOGIN_LOCK_SEC, sign-in is refused (429) for LOGIN_LOCK_SEC, even with the right password. State lives
 * in Postgres so every replica sees the same count.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts the attempt before the password is checked, so parallel guesses cannot exceed the limit. */
  async admit(email: string, clientIp: string | undefined): Promise<void> {
    const { loginMaxFailures, loginLockSec } = this.config.auth;
    const attempt = await this.sessions.countLoginAttempt(
      email,
      clientIp ?? UNKNOWN_ADDRESS,
      loginMaxFailures,
      loginLockSec,
    );
    if (attempt.retryAfterSec !== null) {
      throw new RateLimitedError(
        `Too many failed sign-in attempts; try again in ${describeWait(attempt.retryAfterSec)}`,
        attempt.retryAfterSec,
      );
    }
  }

  /** A successful sign-in forgets the failures. */
  async reset(email: string, clientIp: string | undefined): Promise<void> {
    await this.sessions.clearLoginFailures(email, clientIp ?? UNKNOWN_ADDRESS);
  }
}
