import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PlatformDisclosureDto } from '@app/contracts';

/** A workspace's copy settings (content.copy_settings); absent row: the defaults. */
@Entity({ name: 'copy_settings' })
export class CopySettingsEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ name: 'default_disclosure', type: 'text' })
  defaultDisclosure!: string;

  @Column({ name: 'platform_disclosures', type: 'jsonb' })
  platformDisclosures!: PlatformDisclosureDto[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
