import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { RateLimiters } from '../rate-limit/rate-limiters';

/**
 * Reset mails per e-mail address (so nobody's mailbox can be flooded) and per client
 * address. Past either limit the mail is dropped and the answer stays the same 202: a
 * 429 would tell a stranger's request from the account holder's no better than the
 * limit does, and it would refuse the holder after anyone had asked three times.
 * Counted whether or not the address is registered.
 */
@Injectable()
export class ResetThrottle {
  private readonly perAddress: RateLimiterAbstract;
  private readonly perClient: RateLimiterAbstract;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    this.perAddress = limiters.create('reset-address', config.passwordResetsPerAddress, config.passwordResetWindowSeconds);
    this.perClient = limiters.create('reset-client', config.passwordResetsPerClient, config.passwordResetWindowSeconds);
  }

  /** Whether a mail may go out; takes a place under both limits if so. */
  async allows(email: string, client: string): Promise<boolean> {
    // The client first: a request it may not make takes nothing from the address.
    return (await taken(this.perClient, client)) && (await taken(this.perAddress, email));
  }
}

async function taken(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (res) {
    if (res instanceof RateLimiterRes) return false;
    throw res;
  }
}
