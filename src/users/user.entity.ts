import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
@Check('users_email_normalised', 'email = lower(btrim(email)) AND char_length(email) BETWEEN 3 AND 254')
@Check('users_drafts_count_not_negative', 'drafts_count >= 0')
@Check('users_username_format', `username ~ '^[A-Za-z0-9_]{3,30}$'`)
@Check('users_display_name_length', 'char_length(display_name) <= 50')
@Check('users_bio_length', 'char_length(bio) <= 500')
@Check('users_posts_count_not_negative', 'posts_count >= 0')
@Check('users_followers_count_not_negative', 'followers_count >= 0')
@Check('users_following_count_not_negative', 'following_count >= 0')
@Check('users_unread_notifications_not_negative', 'unread_notifications >= 0')
// Made by migrations in forms TypeORM cannot describe (an expression, a partial index).
@Index('users_username_key', { synchronize: false })
@Index('users_timeline_pulled_idx', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', unique: true })
  email: string;

  /**
   * Unique without regard to letter case, kept as written. Left out of an insert, the
   * database makes one from the e-mail (migration AddUsernamesAndFollows).
   */
  @Column({ type: 'varchar' })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', default: '' })
  displayName: string;

  @Column({ type: 'varchar', default: '' })
  bio: string;

  /** The bcrypt hash. Not selected unless asked for, so it cannot leak by accident. */
  @Column({ type: 'varchar', select: false })
  password: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Tokens without a session (minted the course's way) issued before this moment are refused. */
  @Column({ name: 'tokens_valid_after', type: 'timestamptz', nullable: true, select: false })
  tokensValidAfter: Date | null;

  // Counters kept by triggers (migrations/counters.ts); never written by the app.

  /** Unpublished posts. */
  @Column({ name: 'drafts_count', type: 'int', default: 0, select: false, insert: false, update: false })
  draftsCount: number;

  /** Published posts. */
  @Column({ name: 'posts_count', type: 'int', default: 0, select: false, insert: false, update: false })
  postsCount: number;

  @Column({ name: 'followers_count', type: 'int', default: 0, select: false, insert: false, update: false })
  followersCount: number;

  @Column({ name: 'following_count', type: 'int', default: 0, select: false, insert: false, update: false })
  followingCount: number;

  /** Notifications not yet marked read. */
  @Column({ name: 'unread_notifications', type: 'int', default: 0, select: false, insert: false, update: false })
  unreadNotifications: number;

  /** Their posts are merged into timelines on read, not pushed (src/timeline/); set by the timeline worker. */
  @Column({ name: 'timeline_pulled', type: 'boolean', default: false, select: false, insert: false, update: false })
  timelinePulled: boolean;
}
