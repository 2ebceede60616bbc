import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { PageQueryDto } from '../http/page-query.dto';
import { NEXT_PAGE_HEADERS, sendHeaders } from '../http/paging';
import { PostOutDto } from '../posts/dto/post-out.dto';
import { User } from '../users/user.entity';
import { TimelineService } from './timeline.service';

@ApiTags('Timeline')
@Controller('timeline')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @ApiOperation({
    operationId: 'getTimeline',
    summary: "Your home timeline, newest first: the published posts of the accounts you follow, and your own. Link and X-Next-Cursor lead to the next page.",
  })
  @ApiOkResponse({ type: [PostOutDto], headers: NEXT_PAGE_HEADERS })
  @ApiErrors(422)
  async page(@CurrentUser() user: User, @Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<PostOutDto[]> {
    const { posts, headers } = await this.timeline.page(user, query);
    sendHeaders(res, headers);
    return posts;
  }
}
