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
  @Column('text', { nullable: true }) variant!: string | null;
  @Column('text', { nullable: true }) platform!: string | null;
  @Column('jsonb') utm!: StoredUtm;
  @Column('boolean', { name: 'is_disabled' }) isDisabled!: boolean;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'deleted_at', nullable: true }) deletedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
