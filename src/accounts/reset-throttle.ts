import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { Limit, RateLimiters } from '../rate-limit/rate-limiters';

/**
 * Reset mails per e-mail address (so nobody's mailbox can be flooded) and per client
 * address. Past either limit the mail is dropped and the answer stays the same 202: a
 * 429 would tell a stranger's request from the account holder's no better than the
 * limit does, and it would refuse the holder after anyone had asked three times.
 * Counted whether or not the address is registered.
 */
@Injectable()
export class ResetThrottle {
  private readonly perAddress: Limit;
  private readonly perClient: Limit;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    this.perAddress = limiters.create('password_resets_per_address', config.passwordResetsPerAddress, config.passwordResetWindowSeconds);
    this.perClient = limiters.create('password_resets_per_client', config.passwordResetsPerClient, config.passwordResetWindowSeconds);
  }

  /** Whether a mail may go out; takes a place under both limits if so. */
  async allows(email: string, client: string): Promise<boolean> {
    // The client first: a request it may not make takes nothing from the address.
    return (await this.perClient.take(client)).taken && (await this.perAddress.take(email)).taken;
  }
}
