import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { consumeOrRefuse, RateLimiters } from '../rate-limit/rate-limiters';

/**
 * Reset requests per e-mail address (so nobody's mailbox can be flooded) and per
 * client address. Counted whether or not the address is registered, so a 429 says
 * nothing about it either.
 */
@Injectable()
export class ResetThrottle {
  private readonly perAddress: RateLimiterAbstract;
  private readonly perClient: RateLimiterAbstract;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    this.perAddress = limiters.create('reset-address', config.passwordResetsPerAddress, config.passwordResetWindowSeconds);
    this.perClient = limiters.create('reset-client', config.passwordResetsPerClient, config.passwordResetWindowSeconds);
  }

  async consume(email: string, client: string): Promise<void> {
    const message = 'Too many password reset requests, try again later';
    await consumeOrRefuse(this.perClient, client, message);
    await consumeOrRefuse(this.perAddress, email, message);
  }
}
