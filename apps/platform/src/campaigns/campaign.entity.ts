import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Weekday } from '@app/contracts';

/** A posting schedule over some connections, as stored in platform.campaigns. */
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
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
