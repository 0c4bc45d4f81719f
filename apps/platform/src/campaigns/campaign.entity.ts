import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignStatus, Weekday, WhenBankUsedUp } from '@app/contracts';

/** One copy variant of a campaign's bank, as stored in platform.campaigns.templates. */
export interface CampaignTemplate {
  variant: string;
  text: string;
}

/** The winner a campaign named, as stored in platform.campaigns.winner (see CampaignWinnerView). */
export interface CampaignWinner {
  variant: string;
  decidedAt: string;
  metric: 'ctr' | 'conversion_rate';
  probabilityToBeBest: number;
  minTrialsPerVariant: number;
  reason: string;
  variants: Array<{ variant: string; trials: number; successes: number; probabilityToBeBest: number }>;
  undoneAt: string | null;
  undoneBy: string | null;
  undoReason: string | null;
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
  /** Trials per variant before the campaign may name a winner by itself; null when it does not. */
  @Column({ name: 'auto_winner_min_trials', type: 'integer', nullable: true }) autoWinnerMinTrials!:
    number | null;
  @Column({ type: 'jsonb', nullable: true }) winner!: CampaignWinner | null;
  @Column({ name: 'winner_checked_at', type: 'timestamptz', nullable: true }) winnerCheckedAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The winner the bank posts alone, while it holds (named and not undone). */
export function holdingWinner(campaign: CampaignEntity): CampaignWinner | null {
  return campaign.winner && campaign.winner.undoneAt === null ? campaign.winner : null;
}

/** The templates the bank fills from: the holding winner's alone, else all of them. */
export function fillingTemplates(campaign: CampaignEntity): CampaignTemplate[] {
  const winner = holdingWinner(campaign);
  const chosen = winner && campaign.templates.filter((template) => template.variant === winner.variant);
  return chosen && chosen.length > 0 ? chosen : campaign.templates;
}

/** A campaign with templates and products fills its own slots. */
export function hasBank(campaign: CampaignEntity): boolean {
  return campaign.templates.length > 0 && campaign.productIds.length > 0;
}
