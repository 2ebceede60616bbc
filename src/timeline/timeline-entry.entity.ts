import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** A post pushed into a reader's home timeline (see timeline.repository.ts for how entries are read). */
@Entity('timeline_entries')
export class TimelineEntry {
  @PrimaryColumn({ name: 'user_id', type: 'int', primaryKeyConstraintName: 'timeline_entries_pkey' })
  userId: number;

  /** No foreign key: a post's deletion must not delete one entry per follower inside its request. */
  @PrimaryColumn({ name: 'post_id', type: 'int', primaryKeyConstraintName: 'timeline_entries_pkey' })
  postId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'timeline_entries_user_id_fkey' })
  user: User;
}
