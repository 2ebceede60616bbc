import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors';
import { FormBody } from '../http/body-parsing';
import { ClientKey } from '../rate-limit/client-address';
import { SessionsService } from '../sessions/sessions.service';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { TokenDto } from './dto/token.dto';
import { Public } from './public.decorator';
import { UserAgent } from './user-agent.decorator';

@ApiTags('Authentication')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @FormBody()
  @ApiOperation({
    operationId: 'login',
    summary: 'Log in with e-mail and password (OAuth2 password flow), or trade a refresh token for a new pair (grant_type=refresh_token)',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(401, 403, 413, 422, 429, 503)
  login(@Body() form: LoginDto, @ClientKey() client: string, @UserAgent() userAgent?: string): Promise<TokenDto> {
    if (form.grant_type === 'refresh_token') return this.sessions.refresh(form.refresh_token!, client);
    return this.auth.login(form, client, userAgent);
  }
}
