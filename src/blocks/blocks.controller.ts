import { Controller, Delete, Get, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { PageQueryDto } from '../http/page-query.dto';
import { NEXT_PAGE_HEADERS, sendHeaders } from '../http/paging';
import { BriefDto } from '../profiles/dto/profile.dto';
import { UsernameParam } from '../profiles/username-param';
import { User } from '../users/user.entity';
import { BlocksService } from './blocks.service';
import { BlockStateDto } from './dto/block-state.dto';

@ApiTags('Profiles')
@Controller()
export class BlocksController {
  constructor(private readonly blocks: BlocksService) {}

  @Put('profiles/:username/block')
  @ApiOperation({ operationId: 'block', summary: 'Block a user: neither of you sees the other any more, and follows between you end' })
  @ApiOkResponse({ type: BlockStateDto })
  @ApiErrors(404, 422)
  block(@CurrentUser() user: User, @UsernameParam() username: string): Promise<BlockStateDto> {
    return this.blocks.setBlock(user, username, true);
  }

  @Delete('profiles/:username/block')
  @ApiOperation({ operationId: 'unblock', summary: 'Unblock a user; without a block, nothing changes' })
  @ApiOkResponse({ type: BlockStateDto })
  @ApiErrors(404, 422)
  unblock(@CurrentUser() user: User, @UsernameParam() username: string): Promise<BlockStateDto> {
    return this.blocks.setBlock(user, username, false);
  }

  @Get('users/me/blocks')
  @ApiTags('Users')
  @ApiOperation({ operationId: 'listBlocks', summary: 'Whom you block, newest first' })
  @ApiOkResponse({ type: [BriefDto], headers: NEXT_PAGE_HEADERS })
  @ApiErrors(422)
  async list(@CurrentUser() user: User, @Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<BriefDto[]> {
    const { users, headers } = await this.blocks.list(user, query);
    sendHeaders(res, headers);
    return users;
  }
}
