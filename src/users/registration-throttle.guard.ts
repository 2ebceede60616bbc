import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { consumeOrRefuse, RateLimiters } from '../rate-limit/rate-limiters';

/** Limits sign-ups per client address per minute. */
@Injectable()
export class RegistrationThrottleGuard implements CanActivate {
  private readonly limiter: RateLimiterAbstract;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    this.limiter = limiters.create('register-client', config.registrationsPerMinute, 60);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const client = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    await consumeOrRefuse(this.limiter, client, 'Too many registrations, try again later');
    return true;
  }
}
