import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One refresh token; the token itself is never stored, only its SHA-256. */
@Entity({ name: 'refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  /** Hex SHA-256 of the opaque token. */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** Every rotation of one sign-in shares a family; reuse of a rotated token revokes the family. */
  @Column({ name: 'family_id', type: 'uuid' })
  familyId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
