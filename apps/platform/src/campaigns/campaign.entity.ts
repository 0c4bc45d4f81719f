import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignStatus, Weekday, WhenBankUsedUp } from '@app/contracts';

/** One copy variant of a campaign's bank, as stored in platform.campaigns.templates. */
export interface CampaignTemplate {
  variant: string;
  text: string;
}

/** A posting schedule over some connections, with its bank of copy and products, as stored in platform.campaigns. */
@Entity({ name: 'campaigns' })
export class CampaignEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ name: 'connection_ids', type: 'uuid', array: true }) connectionIds!: string[];
  @Column({ type: 'text' }) timezone!: string;
  @Column({ type: 'text', array: true }) days!: Weekday[];
  @Column({ type: 'text', array: true }) times!: string[];
  @Column({ type: 'text' }) status!: CampaignStatus;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt!: Date | null;
  @Column({ type: 'jsonb' }) templates!: CampaignTemplate[];
  @Column({ name: 'product_ids', type: 'uuid', array: true }) productIds!: string[];
  @Column({ name: 'fill_ahead_days', type: 'integer' }) fillAheadDays!: number;
  @Column({ name: 'min_gap_hours', type: 'integer' }) minGapHours!: number;
  @Column({ name: 'when_bank_used_up', type: 'text' }) whenBankUsedUp!: WhenBankUsedUp;
  /** The end of the horizon the bank last filled; null until it first fills, and after a change. */
  @Column({ name: 'filled_until', type: 'timestamptz', nullable: true }) filledUntil!: Date | null;
  @Column({ name: 'bank_used_up_at', type: 'timestamptz', nullable: true }) bankUsedUpAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A campaign with templates and products fills its own slots. */
export function hasBank(campaign: CampaignEntity): boolean {
  return campaign.templates.length > 0 && campaign.productIds.length > 0;
}
