import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { UserEntity } from './user.entity.js';

export interface NewUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

/** Every query on users. */
@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts the user, or returns null when the email (case-insensitively) is taken. */
  async insertUnlessEmailTaken(user: NewUser): Promise<UserEntity | null> {
    const rows: UserEntity[] = await this.tx.manager.query(
      `INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO NOTHING
       RETURNING id, email, name, password_hash AS "passwordHash", email_verified_at AS "emailVerifiedAt",
                 created_at AS "createdAt", updated_at AS "updatedAt"`,
      [user.id, user.email, user.name, user.passwordHash],
    );
    return rows[0] ?? null;
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.tx.manager
      .getRepository(UserEntity)
      .createQueryBuilder('account')
      .where('lower(account.email) = lower(:email)', { email })
      .getOne();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.tx.manager.getRepository(UserEntity).findOneBy({ id });
  }

  /**
   * Sets a new password hash, if `email` (where the reset link went) is still the user's address; the link
   * reaching them proves the address too, so it counts as verified. False when the address changed.
   */
  async resetPassword(id: string, email: string, passwordHash: string): Promise<boolean> {
    const [, updated]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE users SET password_hash = $3, email_verified_at = coalesce(email_verified_at, now()),
         updated_at = now()
       WHERE id = $1 AND lower(email) = lower($2)`,
      [id, email, passwordHash],
    );
    return updated > 0;
  }

  /** Marks the address verified, if it is still the user's address; false otherwise. */
  async markEmailVerified(id: string, email: string): Promise<boolean> {
    const [, updated]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
       WHERE id = $1 AND lower(email) = lower($2)`,
      [id, email],
    );
    return updated > 0;
  }
}
