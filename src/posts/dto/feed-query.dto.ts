import { PageQueryDto } from '../../http/page-query.dto';
import { QueryIntegerField, TextField } from '../../http/fields';

export class FeedQueryDto extends PageQueryDto {
  /** Absent, not 0, when the client left it out (0 is the default), so that it can be refused beside a cursor. */
  @QueryIntegerField({ minimum: 0, maximum: 2_147_483_647, default: 0, description: "Posts to skip (the course's paging). Not with cursor." })
  skip?: number;

  @TextField({ optional: true, maxLength: 300, description: 'Case-insensitive substring of the title; % and _ match themselves' })
  search: string = '';
}
