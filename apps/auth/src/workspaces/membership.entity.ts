import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { Role } from '@app/contracts';
import { UserEntity } from '../accounts/user.entity.js';
import { WorkspaceEntity } from './workspace.entity.js';

@Entity({ name: 'workspace_members' })
export class MembershipEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'role', type: 'text' })
  role!: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;
}

export type MembershipWithUser = MembershipEntity & { user: UserEntity };
export type MembershipWithWorkspace = MembershipEntity & { workspace: WorkspaceEntity };
export type MembershipDetails = MembershipWithUser & MembershipWithWorkspace;
