import { Body, Controller, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors';
import { FormBody } from '../http/body-parsing';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { TokenDto } from './dto/token.dto';
import { Public } from './public.decorator';

@ApiTags('Authentication')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @FormBody()
  @ApiOperation({ summary: 'Log in with e-mail and password (OAuth2 password flow)' })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(403, 413, 422, 429)
  login(@Body() form: LoginDto, @Ip() client: string): Promise<TokenDto> {
    return this.auth.login(form, client);
  }
}
