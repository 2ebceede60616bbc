import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordResetToken } from './password-reset-token.entity';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { PasswordResetEnabledGuard } from './password-reset-enabled.guard';
import { ResetThrottle } from './reset-throttle';

@Module({
  imports: [AuthModule, UsersModule, MailModule, TypeOrmModule.forFeature([PasswordResetToken])],
  controllers: [AccountsController],
  providers: [AccountsService, ResetThrottle, PasswordResetEnabledGuard],
})
export class AccountsModule {}
