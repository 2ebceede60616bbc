import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One row per login. A refresh token is `<family>.<secret>`, two random strings: the
 * family stays for the life of the session and finds its row; the secret changes at
 * every refresh. Only their SHA-256 hashes are stored. A token whose family matches
 * but whose secret is not the current one is a replayed, already rotated token.
 */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('sessions_user_id_idx')
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_id_fkey' })
  user: User;

  @Column({ name: 'family_hash', type: 'bytea', unique: true })
  familyHash: Buffer;

  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The login or the last refresh; the session ends REFRESH_TOKEN_EXPIRE_DAYS after it. */
  @Column({ name: 'last_used_at', type: 'timestamptz', default: () => 'now()' })
  lastUsedAt: Date;

  @Column({ name: 'user_agent', type: 'varchar', nullable: true })
  userAgent: string | null;
}
