import { ApiProperty } from '@nestjs/swagger';
import { isoDateTime } from '../../http/iso-datetime';
import { User } from '../user.entity';

export class UserOut {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ example: 'ada@example.com' })
  email: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T19:00:00.000+00:00' })
  created_at: string;

  static from(user: Pick<User, 'id' | 'email' | 'createdAt'>): UserOut {
    return { id: user.id, email: user.email, created_at: isoDateTime(user.createdAt) };
  }
}
