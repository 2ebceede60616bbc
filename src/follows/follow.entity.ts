import { Check, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** One row per (follower, followee): the primary key makes a follow idempotent. */
@Entity('follows')
@Check('follows_not_self', 'follower_id <> followee_id')
// The two lists, newest follow first (DESC columns, which TypeORM cannot describe).
@Index('follows_followers_idx', { synchronize: false })
@Index('follows_following_idx', { synchronize: false })
export class Follow {
  @PrimaryColumn({ name: 'follower_id', type: 'int', primaryKeyConstraintName: 'follows_pkey' })
  followerId: number;

  @PrimaryColumn({ name: 'followee_id', type: 'int', primaryKeyConstraintName: 'follows_pkey' })
  followeeId: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'follower_id', foreignKeyConstraintName: 'follows_follower_id_fkey' })
  follower: User;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'followee_id', foreignKeyConstraintName: 'follows_followee_id_fkey' })
  followee: User;
}
