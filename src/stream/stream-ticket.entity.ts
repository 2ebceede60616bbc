import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Session } from '../sessions/session.entity';
import { User } from '../users/user.entity';

/**
 * A single-use ticket to open an event stream with `EventSource`, which cannot send an
 * Authorization header; by its SHA-256 hash. It belongs to the session that asked for
 * it, so the stream it opens closes with that session.
 */
@Entity('stream_tickets')
export class StreamTicket {
  @PrimaryColumn({ name: 'ticket_hash', type: 'bytea' })
  ticketHash: Buffer;

  @Index('stream_tickets_user_id_idx')
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'stream_tickets_user_id_fkey' })
  user: User;

  @Index('stream_tickets_session_id_idx')
  @Column({ name: 'session_id', type: 'int', nullable: true })
  sessionId: number | null;

  @ManyToOne(() => Session, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'stream_tickets_session_id_fkey' })
  session: Session | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
