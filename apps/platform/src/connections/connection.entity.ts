import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConnectablePlatform, ConnectionStatus, SafetyLimitsDto } from '@app/contracts';

/** A connected account as stored in platform.connections; tokens only ever encrypted. */
@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'text' }) platform!: ConnectablePlatform;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'account_id', type: 'text', nullable: true }) accountId!: string | null;
  @Column({ name: 'account_name', type: 'text', nullable: true }) accountName!: string | null;
  @Column({ name: 'avatar_url', type: 'text', nullable: true }) avatarUrl!: string | null;
  @Column({ type: 'text' }) status!: ConnectionStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ name: 'access_token_enc', type: 'text', nullable: true }) accessTokenEnc!: string | null;
  @Column({ name: 'refresh_token_enc', type: 'text', nullable: true }) refreshTokenEnc!: string | null;
  @Column({ name: 'token_expires_at', type: 'timestamptz', nullable: true }) tokenExpiresAt!: Date | null;
  @Column({ type: 'text', nullable: true }) scopes!: string | null;
  @Column({ name: 'webhook_url', type: 'text', nullable: true }) webhookUrl!: string | null;
  @Column({ name: 'signing_secret_enc', type: 'text', nullable: true }) signingSecretEnc!: string | null;
  @Column({ type: 'text' }) timezone!: string;
  /** Overrides of the platform's default safety limits. */
  @Column({ type: 'jsonb' }) limits!: SafetyLimitsDto;
  @Column({ name: 'last_dispatched_at', type: 'timestamptz', nullable: true }) lastDispatchedAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
