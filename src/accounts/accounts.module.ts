import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { ResetThrottle } from './reset-throttle';

@Module({
  imports: [AuthModule, UsersModule, MailModule],
  controllers: [AccountsController],
  providers: [AccountsService, ResetThrottle],
})
export class AccountsModule {}
