import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOAuth2, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { User } from '../users/user.entity';
import { CurrentSessionId } from './current-session.decorator';
import { SessionOut } from './dto/session-out.dto';
import { SessionsService } from './sessions.service';

@ApiTags('Authentication')
@ApiOAuth2([])
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Log out: end the token's session" })
  @ApiNoContentResponse({ description: 'The session is over; its access and refresh tokens are refused from now on' })
  @ApiErrors(401)
  logout(@CurrentUser() user: User, @CurrentSessionId() sessionId: number | null): Promise<void> {
    return this.sessions.endCurrent(user.id, sessionId);
  }

  @Get('users/me/sessions')
  @ApiOperation({ summary: "The user's sessions, newest first" })
  @ApiOkResponse({ type: [SessionOut] })
  @ApiErrors(401)
  list(@CurrentUser() user: User, @CurrentSessionId() sessionId: number | null): Promise<SessionOut[]> {
    return this.sessions.list(user.id, sessionId);
  }

  @Delete('users/me/sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End one of the user\'s sessions' })
  @ApiNoContentResponse({ description: 'The session is over' })
  @ApiErrors(401, 404, 422)
  end(@CurrentUser() user: User, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.sessions.end(user.id, id);
  }

  @Delete('users/me/sessions')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Log out everywhere: end every session, this one too' })
  @ApiNoContentResponse({ description: 'Every session is over, and every token issued until now is refused' })
  @ApiErrors(401)
  endAll(@CurrentUser() user: User): Promise<void> {
    return this.sessions.endAll(user.id);
  }
}
