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

/** Every query on refresh tokens and on the sign-in throttle. */
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
   * Deletes up to `limit` expired refresh tokens (an expired token is refused whatever its row says) and up to
   * `limit` sign-in throttle rows whose window and lock are over; returns how many rows went.
   */
  async pruneExpired(lockSec: number, limit: number): Promise<number> {
    const tokens = await this.tx.manager.query<Array<{ id: string }>>(
      `DELETE FROM refresh_tokens WHERE id IN (
         SELECT id FROM refresh_tokens WHERE expires_at < now() LIMIT $1)
       RETURNING id`,
      [limit],
    );
    const failures = await this.tx.manager.query<Array<{ email: string }>>(
      `DELETE FROM login_failures WHERE ctid IN (
         SELECT ctid FROM login_failures
         WHERE window_started_at <= now() - make_interval(secs => $1)
           AND (locked_until IS NULL OR locked_until <= now())
         LIMIT $2)
       RETURNING email`,
      [lockSec, limit],
    );
    return tokens.length + failures.length;
  }

  async clearLoginFailures(email: string, clientIp: string): Promise<void> {
    await this.tx.manager.query('DELETE FROM login_failures WHERE email = $1 AND client_ip = $2', [
      email,
      clientIp,
    ]);
  }
}
