import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Sign-in attempts of one account from any address. An attempt is admitted (and counted) before the password
 * is checked; past the free failures each admitted attempt makes the next wait, from 1 s doubling to a cap.
 * The row is deleted on a successful sign-in.
 */
@Entity({ name: 'login_account_backoff' })
export class LoginAccountBackoffEntity {
  @PrimaryColumn({ name: 'email', type: 'text' })
  email!: string;

  @Column({ name: 'failures', type: 'integer' })
  failures!: number;

  @Column({ name: 'last_attempt_at', type: 'timestamptz' })
  lastAttemptAt!: Date;

  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;

  /** Set by the attempt that was last admitted, so an attempt can tell whether it was the one admitted. */
  @Column({ name: 'ticket', type: 'uuid' })
  ticket!: string;
}
