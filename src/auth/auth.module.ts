import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { MulterModule } from '@nestjs/platform-express';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';
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
    // multer reads multipart forms itself, outside the JSON and form parsers: same body limit.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fieldSize: config.bodyLimitBytes, fields: 16, parts: 16 } }),
    }),
    TokensModule,
    SessionsModule,
  ],
  controllers: [AuthController, JwksController],
  providers: [AuthService, JwtStrategy, LoginThrottle],
  exports: [LoginThrottle],
})
export class AuthModule {}
