import { Check, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One row per (blocker, blocked). Who is on the other side of a block from a user, in
 * either direction, is the database function blocked_ids() (migration
 * AddCommentsNotificationsAndBlocks); a block ends the follows between the two.
 */
@Entity('blocks')
@Check('blocks_not_self', 'blocker_id <> blocked_id')
@Index('blocks_blocked_id_idx', ['blockedId', 'blockerId'])
// The list of one's blocks, newest first (DESC columns, which TypeORM cannot describe).
@Index('blocks_list_idx', { synchronize: false })
export class Block {
  @PrimaryColumn({ name: 'blocker_id', type: 'int', primaryKeyConstraintName: 'blocks_pkey' })
  blockerId: number;

  @PrimaryColumn({ name: 'blocked_id', type: 'int', primaryKeyConstraintName: 'blocks_pkey' })
  blockedId: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'blocker_id', foreignKeyConstraintName: 'blocks_blocker_id_fkey' })
  blocker: User;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'blocked_id', foreignKeyConstraintName: 'blocks_blocked_id_fkey' })
  blocked: User;
}
