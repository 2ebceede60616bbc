import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOAuth2, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { User } from '../users/user.entity';
import { PostVoteDto, VoteDto, VoteResultDto } from './dto/vote.dto';
import { VotesService } from './votes.service';

@ApiTags('Vote')
@ApiOAuth2([])
@Controller()
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Post('vote')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Vote on a post (dir 1) or take the vote back (dir 0)' })
  @ApiCreatedResponse({ type: VoteResultDto })
  @ApiErrors(401, 404, 409, 413, 422)
  vote(@CurrentUser() user: User, @Body() dto: VoteDto): Promise<VoteResultDto> {
    return this.votes.vote(user, dto);
  }

  @Put('posts/:id/vote')
  @ApiOperation({ summary: 'Vote on a post; voting again changes nothing' })
  @ApiOkResponse({ type: PostVoteDto })
  @ApiErrors(401, 404, 422)
  addVote(@CurrentUser() user: User, @Param('id', ParseIdPipe) id: number): Promise<PostVoteDto> {
    return this.votes.setVote(user, id, true);
  }

  @Delete('posts/:id/vote')
  @ApiOperation({ summary: 'Take your vote on a post back; without one, nothing changes' })
  @ApiOkResponse({ type: PostVoteDto })
  @ApiErrors(401, 404, 422)
  removeVote(@CurrentUser() user: User, @Param('id', ParseIdPipe) id: number): Promise<PostVoteDto> {
    return this.votes.setVote(user, id, false);
  }
}
