import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwksController } from './jwks.controller';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { TokensModule } from './tokens.module';

@Module({
  imports: [
    UsersModule,
    PassportModule,
    TokensModule,
    SessionsModule,
  ],
  controllers: [AuthController, JwksController],
  providers: [AuthService, JwtStrategy, LoginThrottle],
  exports: [LoginThrottle],
})
export class AuthModule {}
