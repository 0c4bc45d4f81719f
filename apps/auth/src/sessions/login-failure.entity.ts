import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Sign-in attempts per email and client address within the current window. An attempt is counted before
 * the password is checked (so parallel guesses cannot slip past the limit) and the row is cleared on success.
 */
@Entity({ name: 'login_failures' })
export class LoginFailureEntity {
  @PrimaryColumn({ name: 'email', type: 'text' })
  email!: string;

  @PrimaryColumn({ name: 'client_ip', type: 'text' })
  clientIp!: string;

  @Column({ name: 'failures', type: 'integer' })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
