import { QueryIntegerField } from './fields';

/** `limit` and `skip`, as the course's list routes take them; list DTOs extend this. */
export class PageQueryDto {
  @QueryIntegerField({ minimum: 1, maximum: 100, default: 10 })
  limit: number = 10;

  /** Absent, not 0, when the client left it out (0 is the default): a route can refuse it beside another way of paging. */
  @QueryIntegerField({ minimum: 0, maximum: 2_147_483_647, default: 0 })
  skip?: number;
}
