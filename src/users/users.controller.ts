import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../http/api-errors';
import { RequestBodyGuard } from '../http/body-parsing';
import { IdParam } from '../http/id-param.decorator';
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
  @ApiOperation({ operationId: 'createUser', summary: 'Register' })
  @ApiCreatedResponse({ type: UserOut })
  @ApiErrors(409, 413, 422, 429, 503)
  create(@Body() dto: CreateUserDto): Promise<UserOut> {
    return this.users.register(dto);
  }

  // Declared before ':id' so that "me" is not read as an id.
  @Get('me')
  @ApiOperation({ operationId: 'getCurrentUser', summary: 'The user the token belongs to' })
  @ApiOkResponse({ type: UserOut })
  me(@CurrentUser() user: User): UserOut {
    return this.users.describe(user, user);
  }

  @Public('while-emails-public')
  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'A user by id (needs a token when the server runs with USER_EMAILS=private)' })
  @ApiOkResponse({ type: UserOut })
  @ApiErrors(404, 422, 503)
  findOne(@CurrentUser() viewer: User | undefined, @IdParam() id: number): Promise<UserOut> {
    return this.users.describeById(id, viewer ?? null);
  }
}
