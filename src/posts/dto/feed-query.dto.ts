import { PageQueryDto } from '../../http/page-query.dto';
import { TextField } from '../../http/fields';

export class FeedQueryDto extends PageQueryDto {
  @TextField({ optional: true, maxLength: 300, description: 'Case-insensitive substring of the title; % and _ match themselves' })
  search: string = '';
}
