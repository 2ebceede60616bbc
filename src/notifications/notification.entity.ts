import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Comment } from '../comments/comment.entity';
import { Post } from '../posts/post.entity';
import { User } from '../users/user.entity';

export const NOTIFICATION_KINDS = ['vote', 'comment', 'reply', 'follow'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Made by triggers on votes, follows and comments (migration AddCommentsNotificationsAndBlocks); the app only reads and marks them. */
@Entity('notifications')
@Check('notifications_kind', `kind IN ('vote', 'comment', 'reply', 'follow')`)
// Newest first, and the unread ones (DESC and partial, which TypeORM cannot describe).
@Index('notifications_user_id_idx', { synchronize: false })
@Index('notifications_unread_idx', { synchronize: false })
@Index('notifications_actor_id_idx', ['actorId', 'userId'])
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notifications_user_id_fkey' })
  user: User;

  @Column({ type: 'varchar' })
  kind: NotificationKind;

  @Column({ name: 'actor_id', type: 'int' })
  actorId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'notifications_actor_id_fkey' })
  actor: User;

  @Index('notifications_post_id_idx')
  @Column({ name: 'post_id', type: 'int', nullable: true })
  postId: number | null;

  @ManyToOne(() => Post, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'notifications_post_id_fkey' })
  post: Post | null;

  @Index('notifications_comment_id_idx')
  @Column({ name: 'comment_id', type: 'int', nullable: true })
  commentId: number | null;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'comment_id', foreignKeyConstraintName: 'notifications_comment_id_fkey' })
  comment: Comment | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'boolean', default: false })
  read: boolean;
}
