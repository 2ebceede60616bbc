import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Post } from '../posts/post.entity';
import { User } from '../users/user.entity';

/**
 * A comment on a post, or (reply_to) a reply to one of its comments: the composite
 * foreign key makes a reply's comment one of the same post, and takes the replies
 * with their comment.
 */
@Entity('comments')
@Check('comments_content_length', 'char_length(content) BETWEEN 1 AND 2000')
@Check('comments_replies_count_not_negative', 'replies_count >= 0')
@Unique('comments_id_post_id_key', ['id', 'postId'])
@ForeignKey(() => Comment, ['replyTo', 'postId'], ['id', 'postId'], { name: 'comments_reply_to_fkey', onDelete: 'CASCADE' })
// A post's top-level comments, oldest first (a partial index).
@Index('comments_post_id_idx', { synchronize: false })
@Index('comments_reply_to_idx', ['replyTo', 'id'])
export class Comment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'post_id', type: 'int' })
  postId: number;

  @ManyToOne(() => Post, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'comments_post_id_fkey' })
  post: Post;

  @Index('comments_owner_id_idx')
  @Column({ name: 'owner_id', type: 'int' })
  ownerId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'comments_owner_id_fkey' })
  owner: User;

  @Column({ type: 'varchar' })
  content: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'reply_to', type: 'int', nullable: true })
  replyTo: number | null;

  /** Kept by triggers (migrations/counters.ts); never written by the app. */
  @Column({ name: 'replies_count', type: 'int', default: 0, insert: false, update: false })
  repliesCount: number;
}
