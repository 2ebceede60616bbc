import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { TextField } from '../../http/fields';
import { isStorableId } from '../../database/database-errors';

/** Posts a stream may watch at once. */
export const WATCH_MAX = 200;

const isWatchList = (value: unknown): boolean => {
  if (typeof value !== 'string' || !/^\d{1,10}(,\d{1,10})*$/.test(value)) return false;
  const ids = value.split(',').map(Number);
  return ids.length <= WATCH_MAX && ids.every(isStorableId);
};

export class StreamQueryDto {
  @TextField({ optional: true, maxLength: 100, description: 'A ticket from POST /stream/tickets, for clients that cannot send a token (EventSource)' })
  ticket?: string;

  @TextField({ optional: true, maxLength: 11 * WATCH_MAX, description: `Post ids to follow closely (votes, comments, edits), comma-separated, at most ${WATCH_MAX}`, example: '12,15' })
  @ValidateBy({ name: 'watchList', validator: { validate: isWatchList } }, { message: `Value error, watch must be at most ${WATCH_MAX} post ids separated by commas` })
  watch?: string;
}

/** The ids of a valid `watch`, without repeats. */
export const watchedIds = (watch: string | undefined): number[] => (watch ? [...new Set(watch.split(',').map(Number))] : []);

export class StreamTicketDto {
  @ApiProperty({ description: 'Single use; opens GET /stream?ticket=', example: 'l0q3cU2x8Zl9cWm2bD9m3Bq0vUu6r0fWk1yq2g8dV1E' })
  ticket: string;

  @ApiProperty({ type: 'integer', description: 'Seconds the ticket may wait to be used', example: 30 })
  expires_in: number;
}
