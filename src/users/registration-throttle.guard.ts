import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { clientKey } from '../rate-limit/client-address';
import { Limit, RateLimiters } from '../rate-limit/rate-limiters';

/** Limits sign-ups per client address per minute. */
@Injectable()
export class RegistrationThrottleGuard implements CanActivate {
  private readonly limit: Limit;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    this.limit = limiters.create('registrations_per_client', config.registrationsPerMinute, 60);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const client = clientKey(context.switchToHttp().getRequest<Request>().ip);
    await this.limit.takeOrRefuse(client, 'Too many registrations, try again later');
    return true;
  }
}
