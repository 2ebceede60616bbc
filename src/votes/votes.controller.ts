import { Body, Controller, Delete, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { IdParam } from '../http/id-param.decorator';
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
