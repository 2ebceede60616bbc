import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
@Check('users_email_normalised', 'email = lower(btrim(email)) AND char_length(email) BETWEEN 3 AND 254')
@Check('users_drafts_count_not_negative', 'drafts_count >= 0')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', unique: true })
  email: string;

  /** The bcrypt hash. Not selected unless asked for, so it cannot leak by accident. */
  @Column({ type: 'varchar', select: false })
  password: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Tokens without a session (minted the course's way) issued before this moment are refused. */
  @Column({ name: 'tokens_valid_after', type: 'timestamptz', nullable: true, select: false })
  tokensValidAfter: Date | null;

  /** The number of the user's unpublished posts, kept by triggers on posts; never written by the app. */
  @Column({ name: 'drafts_count', type: 'int', default: 0, select: false, insert: false, update: false })
  draftsCount: number;
}
