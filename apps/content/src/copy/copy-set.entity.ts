import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CopyItemView, CopyLanguage, CopyMode, CopyTone, CopyUsageView } from '@app/contracts';

/** One generated (and maybe edited) version of a product's copy, as stored in content.copy_sets. */
@Entity({ name: 'copy_sets' })
export class CopySetEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  mode!: CopyMode;

  @Column({ type: 'text' })
  tone!: CopyTone;

  @Column({ type: 'text' })
  language!: CopyLanguage;

  @Column({ type: 'integer' })
  seed!: number;

  /** Each platform's variants, already checked against the platform's rules. */
  @Column({ type: 'jsonb' })
  items!: CopyItemView[];

  @Column({ type: 'jsonb', nullable: true })
  usage!: CopyUsageView | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

export type NewCopySet = Omit<CopySetEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
