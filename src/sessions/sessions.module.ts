import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokensModule } from '../auth/tokens.module';
import { User } from '../users/user.entity';
import { RefreshThrottle } from './refresh-throttle';
import { Session } from './session.entity';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SessionCache } from './session-cache';
import { TokenUsers } from './token-users';

@Module({
  imports: [TokensModule, TypeOrmModule.forFeature([User, Session])],
  controllers: [SessionsController],
  providers: [SessionsService, TokenUsers, SessionCache, RefreshThrottle],
  exports: [SessionsService, TokenUsers],
})
export class SessionsModule {}
