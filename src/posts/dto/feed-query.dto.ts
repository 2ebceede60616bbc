import { ValidateBy } from 'class-validator';
import { PageQueryDto } from '../../http/page-query.dto';
import { TextField } from '../../http/fields';

export class FeedQueryDto extends PageQueryDto {
  @TextField({ optional: true, maxLength: 300, description: 'Case-insensitive substring of the title; % and _ match themselves' })
  search: string = '';

  @TextField({
    optional: true,
    maxLength: 100,
    description: "Continue after the previous page: its X-Next-Cursor header (also in its Link header). Not with skip.",
  })
  @ValidateBy(
    { name: 'cursorWithoutSkip', validator: { validate: (_cursor, args) => (args?.object as FeedQueryDto).skip === undefined } },
    { message: 'Value error, cursor and skip cannot be used together' },
  )
  cursor?: string;
}
