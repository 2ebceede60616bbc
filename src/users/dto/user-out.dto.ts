import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AppConfig, UserEmails } from '../../config/app-config';
import { isoDateTime } from '../../http/iso-datetime';
import type { User } from '../user.entity';

/** Who is looking, as far as what a UserOut shows depends on it. */
export interface Viewer {
  /** The token's user; null for a request without a token. */
  id: number | null;
  emails: UserEmails;
}

export const viewerOf = (user: Pick<User, 'id'> | null, config: Pick<AppConfig, 'userEmails'>): Viewer => ({ id: user?.id ?? null, emails: config.userEmails });

/** The fields a UserOut is made from. */
export type UserFields = Pick<User, 'id' | 'email' | 'username' | 'createdAt'>;

export class UserOut {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiPropertyOptional({ example: 'ada@example.com', description: "Left out for other users' accounts when the server runs with USER_EMAILS=private" })
  email?: string;

  @ApiProperty({ example: 'ada' })
  username: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T19:00:00.000+00:00' })
  created_at: string;

  /** The one home of the rule of whose e-mail a viewer sees. */
  static from(user: UserFields, viewer: Viewer): UserOut {
    const email = viewer.emails === 'public' || viewer.id === user.id ? { email: user.email } : {};
    return { id: user.id, ...email, username: user.username, created_at: isoDateTime(user.createdAt) };
  }
}
