import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { Limit, RateLimiters } from '../rate-limit/rate-limiters';

/**
 * Failed refreshes per client address, with the limits of failed logins per client.
 * An attempt takes a point before any work, and a success gives it back, so that
 * under concurrency no more than the limit of attempts is ever evaluated.
 */
@Injectable()
export class RefreshThrottle {
  private readonly perClient: Limit;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    this.perClient = limiters.create('refresh_failures_per_client', config.loginMaxFailuresPerClient, config.loginFailureWindowSeconds);
  }

  async reserve(client: string): Promise<void> {
    await this.perClient.takeOrRefuse(client, 'Too many failed refresh attempts, try again later');
  }

  async succeeded(client: string): Promise<void> {
    await this.perClient.giveBack(client);
  }
}
