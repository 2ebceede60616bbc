import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOAuth2, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../http/api-errors';
import { RequestBodyGuard } from '../http/body-parsing';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { CreateUserDto } from './dto/create-user.dto';
import { RegistrationThrottleGuard } from './registration-throttle.guard';
import { UserOut } from './dto/user-out.dto';
import { User } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('Users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @Post()
  // RequestBodyGuard last: a registration is throttled before its body is refused.
  @UseGuards(RegistrationThrottleGuard, RequestBodyGuard)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register' })
  @ApiCreatedResponse({ type: UserOut })
  @ApiErrors(409, 413, 422, 429)
  async create(@Body() dto: CreateUserDto): Promise<UserOut> {
    return UserOut.from(await this.users.register(dto));
  }

  // Declared before ':id' so that "me" is not read as an id.
  @Get('me')
  @ApiOAuth2([])
  @ApiOperation({ summary: 'The user the token belongs to' })
  @ApiOkResponse({ type: UserOut })
  @ApiErrors(401)
  me(@CurrentUser() user: User): UserOut {
    return UserOut.from(user);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A user by id' })
  @ApiOkResponse({ type: UserOut })
  @ApiErrors(404, 422)
  async findOne(@Param('id', ParseIdPipe) id: number): Promise<UserOut> {
    return UserOut.from(await this.users.getById(id));
  }
}
