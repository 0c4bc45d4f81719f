import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionHost } from '@app/database';
import { RefreshTokenEntity } from './refresh-token.entity.js';

export interface NewRefreshToken {
  id: string;
  tokenHash: string;
  familyId: string;
  userId: string;
  workspaceId: string;
  expiresAt: Date;
}

export interface LoginAttemptCount {
  /** Attempts counted in the current window, this one included. */
  failures: number;
  /** Seconds until the lock ends, or null when sign-in is not locked. */
  retryAfterSec: number | null;
}

export interface AccountBackoff {
  /** Failed attempts counted before this one must wait, then the first wait and the longest. */
  freeFailures: number;
  maxDelaySec: number;
  /** Quiet time after which the account's failures are forgotten. */
  resetSec: number;
}

/** Every query on refresh tokens and on the sign-in throttles. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertRefreshToken(token: NewRefreshToken): Promise<void> {
    await this.tx.manager.getRepository(RefreshTokenEntity).insert(token);
  }

  findRefreshToken(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tx.manager.getRepository(RefreshTokenEntity).findOneBy({ tokenHash });
  }

  /** Marks an unused, unrevoked token used; only one caller can ever get true for a token. */
  async markUsed(id: string): Promise<boolean> {
    const result = await this.tx.manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ usedAt: () => 'now()' })
      .where({ id, usedAt: IsNull(), revokedAt: IsNull() })
      .execute();
    return result.affected === 1;
  }

  /** Revokes every token of the family that is not revoked yet. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: () => 'now()' })
      .where({ familyId, revokedAt: IsNull() })
      .execute();
  }

  /** Revokes every refresh token of the user, in every workspace: all their sessions end. */
  async revokeAllOfUser(userId: string): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: () => 'now()' })
      .where({ userId, revokedAt: IsNull() })
      .execute();
  }

  /**
   * Counts one sign-in attempt for (email, client address) in a single atomic upsert, so replicas share
   * the count. A window lasts `windowSec`; the attempt after `maxFailures` in a window locks sign-in for
   * `windowSec`, and attempts during a lock are not counted.
   */
  async countLoginAttempt(
    email: string,
    clientIp: string,
    maxFailures: number,
    windowSec: number,
  ): Promise<LoginAttemptCount> {
    const rows: Array<{ failures: number; retry_after_sec: number | null }> = await this.tx.manager.query(
      `INSERT INTO login_failures AS f (email, client_ip, failures, window_started_at, locked_until)
       VALUES ($1, $2, 1, now(), NULL)
       ON CONFLICT (email, client_ip) DO UPDATE SET
         failures = CASE
           WHEN f.locked_until > now() THEN f.failures
           WHEN f.window_started_at <= now() - make_interval(secs => $4) THEN 1
           ELSE f.failures + 1 END,
         window_started_at = CASE
           WHEN f.locked_until > now() THEN f.window_started_at
           WHEN f.window_started_at <= now() - make_interval(secs => $4) THEN now()
           ELSE f.window_started_at END,
         locked_until = CASE
           WHEN f.locked_until > now() THEN f.locked_until
           WHEN f.window_started_at > now() - make_interval(secs => $4) AND f.failures >= $3
             THEN now() + make_interval(secs => $4)
           ELSE NULL END
       RETURNING failures,
         CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()))::int END
           AS retry_after_sec`,
      [email, clientIp, maxFailures, windowSec],
    );
    return { failures: rows[0].failures, retryAfterSec: rows[0].retry_after_sec };
  }

  /**
   * Admits one sign-in attempt of an account, from any address, in a single atomic upsert. While the account
   * waits the attempt is refused (null is never returned then) and neither counts nor lengthens the wait; an
   * admitted attempt counts, and past `freeFailures` makes the next attempt wait 1 s, doubling up to
   * `maxDelaySec`. Returns the seconds left to wait, or null when the attempt is admitted.
   */
  async admitAccountAttempt(email: string, backoff: AccountBackoff): Promise<number | null> {
    const ticket = randomUUID();
    const rows: Array<{ is_admitted: boolean; wait_sec: number | null }> = await this.tx.manager.query(
      `INSERT INTO login_account_backoff AS b (email, failures, last_attempt_at, blocked_until, ticket)
       VALUES ($1, 1, now(), NULL, $5::uuid)
       ON CONFLICT (email) DO UPDATE SET
         failures = CASE
           WHEN b.blocked_until > now() THEN b.failures
           WHEN b.last_attempt_at <= now() - make_interval(secs => $4) THEN 1
           ELSE b.failures + 1 END,
         blocked_until = CASE
           WHEN b.blocked_until > now() THEN b.blocked_until
           WHEN b.last_attempt_at <= now() - make_interval(secs => $4) OR b.failures < $2 THEN NULL
           ELSE now() + make_interval(secs => least($3, power(2, least(b.failures - $2, 30)))) END,
         last_attempt_at = CASE WHEN b.blocked_until > now() THEN b.last_attempt_at ELSE now() END,
         ticket = CASE WHEN b.blocked_until > now() THEN b.ticket ELSE $5::uuid END
       RETURNING ticket = $5::uuid AS is_admitted,
         CASE WHEN blocked_until > now() THEN ceil(extract(epoch FROM blocked_until - now()))::int END AS wait_sec`,
      [email, backoff.freeFailures, backoff.maxDelaySec, backoff.resetSec, ticket],
    );
    const [row] = rows;
    return row.is_admitted ? null : Math.max(1, row.wait_sec ?? 1);
  }

  async clearAccountBackoff(email: string): Promise<void> {
    await this.tx.manager.query('DELETE FROM login_account_backoff WHERE email = $1', [email]);
  }

  /**
   * Deletes up to `limit` expired refresh tokens (an expired token is refused whatever its row says), up to
   * `limit` sign-in throttle rows whose window and lock are over, and up to `limit` account backoffs quiet for
   * `accountResetSec` (they would start over anyway); returns how many rows went.
   */
  async pruneExpired(lockSec: number, accountResetSec: number, limit: number): Promise<number> {
    const tokens = await this.deleteUpTo(limit, 'refresh_tokens', 'id', 'expires_at < now()');
    const failures = await this.deleteUpTo(
      limit,
      'login_failures',
      'ctid',
      `window_started_at <= now() - make_interval(secs => $2)
         AND (locked_until IS NULL OR locked_until <= now())`,
      [lockSec],
    );
    const backoffs = await this.deleteUpTo(
      limit,
      'login_account_backoff',
      'email',
      `last_attempt_at <= now() - make_interval(secs => $2)
         AND (blocked_until IS NULL OR blocked_until <= now())`,
      [accountResetSec],
    );
    return tokens + failures + backoffs;
  }

  /** Deletes up to `limit` rows of `table` matching `condition` (whose parameters start at $2); the count. */
  private async deleteUpTo(
    limit: number,
    table: string,
    key: string,
    condition: string,
    params: unknown[] = [],
  ): Promise<number> {
    const deleted = await this.tx.manager.query<unknown[]>(
      `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${condition} LIMIT $1)
       RETURNING 1`,
      [limit, ...params],
    );
    return deleted.length;
  }

  async clearLoginFailures(email: string, clientIp: string): Promise<void> {
    await this.tx.manager.query('DELETE FROM login_failures WHERE email = $1 AND client_ip = $2', [
      email,
      clientIp,
    ]);
  }
}
