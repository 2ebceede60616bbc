import { ForbiddenException, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PasswordHasher } from '../users/password-hasher';
import { UsersService } from '../users/users.service';
import { LoginDto } from './dto/login.dto';
import { TokenDto } from './dto/token.dto';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  /** Unknown e-mail and wrong password get the same answer after the same bcrypt work. */
  async login({ username, password }: LoginDto): Promise<TokenDto> {
    const user = await this.users.findWithPasswordByEmail(username.trim().toLowerCase());
    if (!(await this.hasher.verify(password, user?.password))) {
      throw new ForbiddenException('Invalid Credentials');
    }
    return { access_token: await this.jwt.signAsync({ user_id: user!.id }), token_type: 'bearer' };
  }
}
