import { ValidateBy } from 'class-validator';
import { QueryIntegerField, TextField } from './fields';

/** `limit` and `cursor`, as every list route takes them; list DTOs extend this. */
export class PageQueryDto {
  @QueryIntegerField({ minimum: 1, maximum: 100, default: 10 })
  limit: number = 10;

  @TextField({
    optional: true,
    maxLength: 100,
    description: 'Continue after the previous page: its X-Next-Cursor header (also in its Link header)',
  })
  // `skip`, on the feed (the course's paging), counts from the top: it cannot continue a cursor.
  @ValidateBy(
    { name: 'cursorWithoutSkip', validator: { validate: (_cursor, args) => (args?.object as { skip?: number }).skip === undefined } },
    { message: 'Value error, cursor and skip cannot be used together' },
  )
  cursor?: string;
}
