import { ApiProperty } from '@nestjs/swagger';
import { isoDateTime } from '../../http/iso-datetime';

export class SessionOut {
  @ApiProperty({ type: 'integer', example: 12 })
  id: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T19:00:00.000+00:00', description: 'The login' })
  created_at: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T21:30:00.000+00:00', description: 'The login or the last refresh' })
  last_used_at: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64)' })
  user_agent: string | null;

  @ApiProperty({ description: 'Whether the token of this request belongs to this session' })
  current: boolean;

  static from(row: { id: number; created_at: Date; last_used_at: Date; user_agent: string | null }, currentId: number | null): SessionOut {
    return {
      id: row.id,
      created_at: isoDateTime(row.created_at),
      last_used_at: isoDateTime(row.last_used_at),
      user_agent: row.user_agent,
      current: row.id === currentId,
    };
  }
}
