import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A workspace's video brand, as stored in content.video_brand_settings. */
@Entity({ name: 'video_brand_settings' })
export class VideoBrandSettingsEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text', array: true })
  colors!: string[];

  @Column({ type: 'text', nullable: true })
  font!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
