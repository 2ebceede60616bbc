import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
@Check('users_email_normalised', 'email = lower(btrim(email)) AND char_length(email) BETWEEN 3 AND 254')
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
}
