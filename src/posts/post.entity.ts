import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

@Entity('posts')
@Check('posts_title_length', 'char_length(title) BETWEEN 1 AND 300')
@Check('posts_content_length', 'char_length(content) BETWEEN 1 AND 20000')
@Check('posts_votes_count_not_negative', 'votes_count >= 0')
@Check('posts_comments_count_not_negative', 'comments_count >= 0')
// Made by a migration in forms TypeORM cannot describe (INCLUDE columns, a GIN trigram index).
@Index('posts_feed_idx', { synchronize: false })
@Index('posts_title_trgm_idx', { synchronize: false })
@Index('posts_owner_feed_idx', { synchronize: false })
export class Post {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar' })
  title: string;

  @Column({ type: 'varchar' })
  content: string;

  @Column({ type: 'boolean', default: true })
  published: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'owner_id', type: 'int' })
  ownerId: number;

  /** The number of its votes, kept by triggers on votes (migrations/counters.ts); never written by the app. */
  @Column({ name: 'votes_count', type: 'int', default: 0, insert: false, update: false })
  votesCount: number;

  /** The number of its comments, replies included, kept by triggers on comments; never written by the app. */
  @Column({ name: 'comments_count', type: 'int', default: 0, insert: false, update: false })
  commentsCount: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'posts_owner_id_fkey' })
  owner: User;
}
