import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Why a token was mailed. */
export type EmailTokenPurpose = 'verify_email' | 'reset_password';

/** A single-use token mailed to a user's address; only its SHA-256 is stored. */
@Entity({ name: 'email_tokens' })
export class EmailTokenEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'purpose', type: 'text' })
  purpose!: EmailTokenPurpose;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The address the token was mailed to: verifying proves this address, not whatever the user has now. */
  @Column({ name: 'email', type: 'text' })
  email!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
