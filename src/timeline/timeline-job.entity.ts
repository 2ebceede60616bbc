import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TimelineJobKind = 'post' | 'delete' | 'follow' | 'unfollow';

/** Work the timeline workers owe, queued by triggers on posts and follows (migration AddHomeTimelines). */
@Entity('timeline_jobs')
@Check('timeline_jobs_kind', `kind IN ('post', 'delete', 'follow', 'unfollow')`)
export class TimelineJob {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar' })
  kind: TimelineJobKind;

  @Column({ name: 'author_id', type: 'int' })
  authorId: number;

  @Column({ name: 'post_id', type: 'int', nullable: true })
  postId: number | null;

  @Column({ name: 'reader_id', type: 'int', nullable: true })
  readerId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
