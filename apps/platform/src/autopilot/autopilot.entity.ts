import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AutopilotFilterView, AutopilotOutcome, CopyLanguage, CopyMode, CopyTone } from '@app/contracts';

/** A workspace's standing order: products matching the filter are posted to a campaign without a person. */
@Entity({ name: 'autopilot_rules' })
export class AutopilotRuleEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'is_enabled', type: 'boolean' }) isEnabled!: boolean;
  @Column({ type: 'jsonb' }) filter!: AutopilotFilterView;
  @Column({ name: 'connection_ids', type: 'uuid', array: true }) connectionIds!: string[];
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ name: 'require_review', type: 'boolean' }) requireReview!: boolean;
  @Column({ type: 'text' }) tone!: CopyTone;
  @Column({ type: 'text' }) language!: CopyLanguage;
  @Column({ name: 'copy_mode', type: 'text' }) copyMode!: CopyMode;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * What one rule did with one product; (rule, product) is unique, so a product is acted on once per rule
 * however often its events arrive. Only a `not_matched` run may be taken over by a later match.
 */
@Entity({ name: 'autopilot_runs' })
export class AutopilotRunEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'rule_id', type: 'uuid' }) ruleId!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId!: string;
  @Column({ name: 'product_title', type: 'text', nullable: true }) productTitle!: string | null;
  @Column({ type: 'text' }) outcome!: AutopilotOutcome;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'post_id', type: 'uuid', nullable: true }) postId!: string | null;
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt!: Date | null;
  /** How many times the rule looked at the product: each creation, import or change of it is a look. */
  @Column({ type: 'integer' }) looks!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const AUTOPILOT_ENTITIES = [AutopilotRuleEntity, AutopilotRunEntity];
