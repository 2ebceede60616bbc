import { QueryIntegerField } from './fields';

/** `limit` and `skip`, as the course's list routes take them; list DTOs extend this. */
export class PageQueryDto {
  @QueryIntegerField({ minimum: 1, maximum: 100, default: 10 })
  limit: number = 10;

  @QueryIntegerField({ minimum: 0, maximum: 2_147_483_647, default: 0 })
  skip: number = 0;
}
