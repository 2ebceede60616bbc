import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { TooManyRequestsException } from '../http/too-many-requests.exception';
import { RateLimiters } from '../rate-limit/rate-limiters';

/**
 * Counts failed logins per account and per client address; past either limit,
 * logins are refused with 429 until the window runs out. Only failures count, so
 * clients that log in often are never limited; a success clears the account's count.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perClient: RateLimiterAbstract;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    this.perAccount = limiters.create('login-fail-account', config.loginMaxFailuresPerAccount, config.loginFailureWindowSeconds);
    this.perClient = limiters.create('login-fail-client', config.loginMaxFailuresPerClient, config.loginFailureWindowSeconds);
  }

  async assertAllowed(account: string, client: string): Promise<void> {
    const [byAccount, byClient] = await Promise.all([this.perAccount.get(account), this.perClient.get(client)]);
    const waits = [exhausted(byAccount, this.perAccount.points), exhausted(byClient, this.perClient.points)].filter((ms) => ms > 0);
    if (waits.length > 0) {
      throw new TooManyRequestsException('Too many failed login attempts, try again later', Math.max(...waits));
    }
  }

  async recordFailure(account: string, client: string): Promise<void> {
    // consume() rejects once the limit is passed; the count is what matters here.
    await Promise.all([this.perAccount.consume(account).catch(() => undefined), this.perClient.consume(client).catch(() => undefined)]);
  }

  async recordSuccess(account: string): Promise<void> {
    await this.perAccount.delete(account);
  }
}

/** Milliseconds until the limiter allows again, or 0 if it allows now. */
function exhausted(res: RateLimiterRes | null, points: number): number {
  return res && res.consumedPoints >= points ? res.msBeforeNext : 0;
}
