import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type {
  ImportFormat,
  ImportOptionsDto,
  ImportStatus,
  ImportWarningView,
  RejectedRowView,
} from '@app/contracts';

export interface ImportFailure {
  message: string;
  line: number | null;
  column: number | null;
}

/** One catalog import, as stored in content.imports. */
@Entity({ name: 'imports' })
export class ImportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId!: string | null;

  @Column({ type: 'text' })
  status!: ImportStatus;

  @Column({ type: 'text' })
  format!: ImportFormat;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'source_key', type: 'text' })
  sourceKey!: string;

  @Column({ type: 'jsonb' })
  options!: ImportOptionsDto;

  @Column({ name: 'processed_rows', type: 'integer', default: 0 })
  processedRows!: number;

  @Column({ type: 'integer', default: 0 })
  created!: number;

  @Column({ type: 'integer', default: 0 })
  updated!: number;

  @Column({ type: 'integer', default: 0 })
  unchanged!: number;

  @Column({ type: 'integer', default: 0 })
  skipped!: number;

  @Column({ type: 'integer', default: 0 })
  rejected!: number;

  @Column({ name: 'rejected_rows', type: 'jsonb', default: () => "'[]'" })
  rejectedRows!: RejectedRowView[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: ImportWarningView[];

  @Column({ type: 'jsonb', nullable: true })
  error!: ImportFailure | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true })
  finishedAt!: Date | null;
}

/** The running counts of an import. */
export type ImportCounts = Pick<
  ImportEntity,
  'processedRows' | 'created' | 'updated' | 'unchanged' | 'skipped' | 'rejected' | 'rejectedRows'
>;
