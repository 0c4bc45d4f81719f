import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { type EmailTokenPurpose, EmailTokenEntity } from './email-token.entity.js';

export interface ConsumedEmailToken {
  userId: string;
  email: string;
}

/** Every query on mailed single-use tokens. */
@Injectable()
export class EmailTokensRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(
    purpose: EmailTokenPurpose,
    userId: string,
    email: string,
    tokenHash: string,
    ttlSec: number,
  ): Promise<void> {
    await this.tx.manager.getRepository(EmailTokenEntity).insert({
      id: randomUUID(),
      purpose,
      userId,
      email,
      tokenHash,
      expiresAt: new Date(Date.now() + ttlSec * 1000),
    });
  }

  /** Uses the token if it is unused and unexpired; only one caller can ever get it. Null otherwise. */
  async consume(purpose: EmailTokenPurpose, tokenHash: string): Promise<ConsumedEmailToken | null> {
    // TypeORM answers an UPDATE … RETURNING on Postgres as [rows, rowCount].
    const [rows]: [Array<{ user_id: string; email: string }>, number] = await this.tx.manager.query(
      `UPDATE email_tokens SET used_at = now()
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING user_id, email`,
      [tokenHash, purpose],
    );
    return rows[0] ? { userId: rows[0].user_id, email: rows[0].email } : null;
  }

  /** Spends every unused token of the user for `purpose`, so older links stop working. */
  async invalidateAll(userId: string, purpose: EmailTokenPurpose): Promise<void> {
    await this.tx.manager.query(
      `UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose],
    );
  }
}
