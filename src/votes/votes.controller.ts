import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOAuth2, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { User } from '../users/user.entity';
import { VoteDto, VoteResultDto } from './dto/vote.dto';
import { VotesService } from './votes.service';

@ApiTags('Vote')
@ApiOAuth2([])
@Controller('vote')
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Vote on a post (dir 1) or take the vote back (dir 0)' })
  @ApiCreatedResponse({ type: VoteResultDto })
  @ApiErrors(401, 404, 409, 413, 422)
  vote(@CurrentUser() user: User, @Body() dto: VoteDto): Promise<VoteResultDto> {
    return this.votes.vote(user, dto);
  }
}
