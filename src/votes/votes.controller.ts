import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { IdParam } from '../http/id-param.decorator';
import { PageQueryDto } from '../http/page-query.dto';
import { NEXT_PAGE_HEADERS, sendHeaders, TOTAL_COUNT_HEADER } from '../http/paging';
import { BriefDto } from '../profiles/dto/profile.dto';
import { User } from '../users/user.entity';
import { PostVoteDto, VoteDto, VoteResultDto } from './dto/vote.dto';
import { VotesService } from './votes.service';

@ApiTags('Vote')
@Controller()
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Post('vote')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ operationId: 'vote', summary: 'Vote on a post (dir 1) or take the vote back (dir 0)' })
  @ApiCreatedResponse({ type: VoteResultDto })
  @ApiErrors(404, 409, 413, 422)
  vote(@CurrentUser() user: User, @Body() dto: VoteDto): Promise<VoteResultDto> {
    return this.votes.vote(user, dto);
  }

  @Get('posts/:id/votes')
  @ApiOperation({ operationId: 'listVoters', summary: "A post's voters, newest vote first" })
  @ApiOkResponse({ type: [BriefDto], headers: { ...TOTAL_COUNT_HEADER, ...NEXT_PAGE_HEADERS } })
  @ApiErrors(404, 422)
  async voters(@CurrentUser() user: User, @IdParam() id: number, @Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<BriefDto[]> {
    const { users, headers } = await this.votes.voters(user, id, query);
    sendHeaders(res, headers);
    return users;
  }

  @Put('posts/:id/vote')
  @ApiOperation({ operationId: 'addVote', summary: 'Vote on a post; voting again changes nothing' })
  @ApiOkResponse({ type: PostVoteDto })
  @ApiErrors(404, 422)
  addVote(@CurrentUser() user: User, @IdParam() id: number): Promise<PostVoteDto> {
    return this.votes.setVote(user, id, true);
  }

  @Delete('posts/:id/vote')
  @ApiOperation({ operationId: 'removeVote', summary: 'Take your vote on a post back; without one, nothing changes' })
  @ApiOkResponse({ type: PostVoteDto })
  @ApiErrors(404, 422)
  removeVote(@CurrentUser() user: User, @IdParam() id: number): Promise<PostVoteDto> {
    return this.votes.setVote(user, id, false);
  }
}
