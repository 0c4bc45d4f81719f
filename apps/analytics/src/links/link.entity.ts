import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface StoredUtm {
  source: string;
  medium: string;
  campaign: string;
  content?: string;
  term?: string;
}

/** A tracked link; `code` is global because `/l/:code` is. Deleted links stay so their clicks keep a home. */
@Entity({ name: 'links' })
export class LinkEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('text') code!: string;
  @Column('text') url!: string;
  @Column('uuid', { name: 'product_id', nullable: true }) productId!: string | null;
  @Column('uuid', { name: 'post_id', nullable: true }) postId!: string | null;
  @Column('uuid', { name: 'target_id', nullable: true }) targetId!: string | null;
  @Column('uuid', { name: 'campaign_id', nullable: true }) campaignId!: string | null;
  @Column('uuid', { name: 'connection_id', nullable: true }) connectionId!: string | null;
  @Column('text', { nullable: true }) variant!: string | null;
  @Column('text', { nullable: true }) platform!: string | null;
  @Column('jsonb') utm!: StoredUtm;
  /** Set on links made for a post target: one live link per key and workspace. */
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey!: string | null;
  @Column('boolean', { name: 'is_disabled' }) isDisabled!: boolean;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'deleted_at', nullable: true }) deletedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
