import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { TooManyRequestsException } from '../http/too-many-requests.exception';
import { RateLimiters } from '../rate-limit/rate-limiters';

/** A login attempt that holds a place under both limits until its outcome is known. */
export interface LoginAttempt {
  /** The password was right: the attempt does not count, and the account's failures are cleared. */
  succeeded(): Promise<void>;
}

/**
 * Limits failed logins per account and per client address. Each attempt reserves
 * its place atomically (rate-limiter-flexible's consume: an atomic increment, in
 * memory or in Redis) before any password work, so of N simultaneous attempts at
 * most the limit are evaluated and the rest get 429 at once. A successful attempt
 * gives its place back, so clients that log in often are never limited.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perClient: RateLimiterAbstract;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    this.perAccount = limiters.create('login-fail-account', config.loginMaxFailuresPerAccount, config.loginFailureWindowSeconds);
    this.perClient = limiters.create('login-fail-client', config.loginMaxFailuresPerClient, config.loginFailureWindowSeconds);
  }

  /** Reserves a place for one attempt, or throws 429 (holding nothing) when either limit is reached. */
  async reserve(account: string, client: string): Promise<LoginAttempt> {
    const [byAccount, byClient] = await Promise.allSettled([this.perAccount.consume(account), this.perClient.consume(client)]);
    const refusals = [byAccount, byClient].filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    if (refusals.length > 0) {
      // Give back whichever place was taken; refused attempts do not count.
      await Promise.all([
        byAccount.status === 'fulfilled' ? this.perAccount.reward(account) : undefined,
        byClient.status === 'fulfilled' ? this.perClient.reward(client) : undefined,
      ]);
      for (const refusal of refusals) if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const wait = Math.max(...(refusals as RateLimiterRes[]).map((r) => r.msBeforeNext));
      throw new TooManyRequestsException('Too many failed login attempts, try again later', wait);
    }
    return {
      succeeded: async () => {
        await Promise.all([this.perAccount.delete(account), this.perClient.reward(client)]);
      },
    };
  }
}
