import { Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { IdParam } from '../http/id-param.decorator';
import { User } from '../users/user.entity';
import { CurrentSessionId } from './current-session.decorator';
import { SessionOut } from './dto/session-out.dto';
import { SessionsService } from './sessions.service';

@ApiTags('Authentication')
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'logout', summary: "Log out: end the token's session" })
  @ApiNoContentResponse({ description: 'The session is over; its access and refresh tokens are refused from now on' })
  logout(@CurrentUser() user: User, @CurrentSessionId() sessionId: number | null): Promise<void> {
    return this.sessions.endCurrent(user.id, sessionId);
  }

  @Get('users/me/sessions')
  @ApiOperation({ operationId: 'listSessions', summary: "The user's sessions, newest first" })
  @ApiOkResponse({ type: [SessionOut] })
  list(@CurrentUser() user: User, @CurrentSessionId() sessionId: number | null): Promise<SessionOut[]> {
    return this.sessions.list(user.id, sessionId);
  }

  @Delete('users/me/sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'endSession', summary: 'End one of the user\'s sessions' })
  @ApiNoContentResponse({ description: 'The session is over' })
  @ApiErrors(404, 422)
  end(@CurrentUser() user: User, @IdParam() id: number): Promise<void> {
    return this.sessions.end(user.id, id);
  }

  @Delete('users/me/sessions')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'endAllSessions', summary: 'Log out everywhere: end every session, this one too' })
  @ApiNoContentResponse({ description: 'Every session is over, every token issued until now is refused, and tokens without a session (course-style) from then on' })
  endAll(@CurrentUser() user: User): Promise<void> {
    return this.sessions.endAll(user.id);
  }
}
