import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One workspace's counters; written only by event handlers, read by the summary request. */
@Entity({ name: 'workspace_counters' })
export class WorkspaceCounters {
  @PrimaryColumn('uuid', { name: 'workspace_id' })
  workspaceId!: string;

  @Column('integer')
  products!: number;

  @Column('integer', { name: 'registered_users' })
  registeredUsers!: number;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
