import { CanActivate, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';

/**
 * POST /password-reset in production without SMTP_URL: 503 for every request, before
 * its body is read, since no mail can go out and a reset link must not reach the log.
 * The app still starts (a Heroku app as the course deploys it has no mail server).
 */
@Injectable()
export class PasswordResetEnabledGuard implements CanActivate {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.passwordResetEnabled) throw new ServiceUnavailableException('Password reset is not configured');
    return true;
  }
}
