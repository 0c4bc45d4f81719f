import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { describeWait, RateLimitedError } from '@app/contracts';
import { SessionsRepository } from './sessions.repository.js';

const UNKNOWN_ADDRESS = 'unknown';

/**
 * Limits password guessing in two ways, both counted in Postgres so every replica sees the same numbers:
 * - per email and client address: after LOGIN_MAX_FAILURES failed attempts within LOGIN_LOCK_SEC, sign-in from
 *   that address is refused (429) for LOGIN_LOCK_SEC, even with the right password;
 * - per account, whatever the address (so many addresses do not multiply the guesses): after
 *   LOGIN_ACCOUNT_FREE_FAILURES, each further attempt must wait 1 s, doubling up to LOGIN_ACCOUNT_MAX_DELAY_SEC.
 *   A backoff rather than a lock: a stranger can slow an account down, never shut its owner out for long.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts the attempt before the password is checked, so parallel guesses cannot exceed the limits. */
  async admit(email: string, clientIp: string | undefined): Promise<void> {
    const { loginMaxFailures, loginLockSec, accountFreeFailures, accountMaxDelaySec, accountResetSec } =
      this.config.auth;
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
    const waitSec = await this.sessions.admitAccountAttempt(email, {
      freeFailures: accountFreeFailures,
      maxDelaySec: accountMaxDelaySec,
      resetSec: accountResetSec,
    });
    if (waitSec !== null) {
      throw new RateLimitedError(
        `This account had many failed sign-in attempts; try again in ${describeWait(waitSec)}`,
        waitSec,
      );
    }
  }

  /** A successful sign-in forgets the failures. */
  async reset(email: string, clientIp: string | undefined): Promise<void> {
    await this.sessions.clearLoginFailures(email, clientIp ?? UNKNOWN_ADDRESS);
    await this.sessions.clearAccountBackoff(email);
  }
}
