import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { TooManyRequestsException } from '../http/too-many-requests.exception';
import { Limit, RateLimiters, Taken } from '../rate-limit/rate-limiters';

/** What a password check must say for the throttle to count it. */
export interface PasswordOutcome {
  matches: boolean;
}

const TOO_MANY_FAILURES = 'Too many failed login attempts, try again later';
const TOO_MANY_LOGINS = 'Too many logins, try again later';

/** Keys of the (account, client) limit: a client key never holds a '|' (an IP address or a /64). */
const pairKey = (account: string, client: string) => `${client}|${account}`;

/**
 * The limits on password checks (POST /login, and the password a password change or
 * an account deletion asks for), after rate-limiter-flexible's login-protection
 * recipes. None lets a stranger lock an account out:
 *
 * - failures per (account, client address): LOGIN_MAX_FAILURES, then 429 for that pair;
 * - failures per client address, across accounts: LOGIN_MAX_FAILURES_PER_CLIENT, then 429;
 * - failures per account from any address: never refused, slowed down: past
 *   LOGIN_SLOWDOWN_AFTER, each attempt on the account waits, a tenth of
 *   LOGIN_SLOWDOWN_MAX_MS longer per further failure, at most that;
 * - successful logins per client address (LOGIN_MAX_SUCCESSES_PER_CLIENT) and per
 *   account (LOGIN_MAX_SUCCESSES_PER_ACCOUNT), then 429: only someone who has the
 *   password can spend them, and each costs a bcrypt check and a session.
 *
 * So a right password from an address with no recent failures always gets checked, at
 * worst after the slow-down. Places under the refusing limits are taken before any
 * password work (atomic increments, in memory or in Redis) and given back by the
 * outcome, so that of N simultaneous attempts at most the limit are checked. The
 * per-account success limit is read, not taken, before the check: taking it would let
 * a stranger's wrong passwords in flight hold the account's places.
 */
@Injectable()
export class LoginThrottle {
  private readonly failuresPerPair: Limit;
  private readonly failuresPerClient: Limit;
  private readonly failuresPerAccount: Limit;
  private readonly successesPerClient: Limit;
  private readonly successesPerAccount: Limit;
  private readonly slowdownAfter: number;
  private readonly slowdownMaxMs: number;

  constructor(limiters: RateLimiters, @InjectConfig() config: AppConfig) {
    const failureWindow = config.loginFailureWindowSeconds;
    const successWindow = config.loginSuccessWindowSeconds;
    this.failuresPerPair = limiters.create('login_failures_per_account_and_client', config.loginMaxFailures, failureWindow);
    this.failuresPerClient = limiters.create('login_failures_per_client', config.loginMaxFailuresPerClient, failureWindow);
    // Counts, never refuses: the count sets the slow-down.
    this.failuresPerAccount = limiters.create('login_failures_per_account', Number.MAX_SAFE_INTEGER, failureWindow);
    this.successesPerClient = limiters.create('logins_per_client', config.loginMaxSuccessesPerClient, successWindow);
    this.successesPerAccount = limiters.create('logins_per_account', config.loginMaxSuccessesPerAccount, successWindow);
    this.slowdownAfter = config.loginSlowdownAfter;
    this.slowdownMaxMs = config.loginSlowdownMaxMs;
  }

  /**
   * Runs `check` (the password work) as one attempt on `account` from `client` (a
   * ClientKey): 429 before it when a limit is reached, a wait first when the account
   * is under attack. What the outcome says is counted; an attempt whose check failed
   * to run (a full hashing queue, the database away) counts for nothing.
   */
  async attempt<T extends PasswordOutcome>(account: string, client: string, check: () => Promise<T>): Promise<T> {
    const pair = pairKey(account, client);
    await this.takeAll([
      [this.failuresPerPair, pair, TOO_MANY_FAILURES],
      [this.failuresPerClient, client, TOO_MANY_FAILURES],
      [this.successesPerClient, client, TOO_MANY_LOGINS],
    ]);
    const giveBackClient = () => Promise.all([this.failuresPerPair.giveBack(pair), this.failuresPerClient.giveBack(client), this.successesPerClient.giveBack(client)]);
    const logins = await this.successesPerAccount.count(account);
    if (logins.count >= this.successesPerAccount.points) {
      await giveBackClient();
      this.successesPerAccount.refused();
      throw new TooManyRequestsException(TOO_MANY_LOGINS, logins.msBeforeReset);
    }
    const { count: accountFailures } = await this.failuresPerAccount.take(account);
    let outcome: T;
    try {
      const wait = this.slowdownMs(accountFailures);
      if (wait > 0) await sleep(wait);
      outcome = await check();
    } catch (err) {
      await Promise.all([giveBackClient(), this.failuresPerAccount.giveBack(account)]);
      throw err;
    }
    if (outcome.matches) {
      // A success clears its pair's failures (the recipe), gives back the rest of its failure
      // places, and counts as a login; its place under the client's logins stays taken.
      await Promise.all([
        this.failuresPerPair.clear(pair),
        this.failuresPerClient.giveBack(client),
        this.failuresPerAccount.giveBack(account),
        this.successesPerAccount.add(account),
      ]);
    } else {
      // A failure is counted as one (its places stay taken), not as a login.
      await this.successesPerClient.giveBack(client);
    }
    return outcome;
  }

  /** The wait before the attempt that makes `failures` on its account (this one included). */
  private slowdownMs(failures: number): number {
    const beyond = failures - this.slowdownAfter;
    return beyond > 0 ? Math.min(this.slowdownMaxMs, (beyond * this.slowdownMaxMs) / 10) : 0;
  }

  /** Takes a place under each limit, or none: 429 (with the longest wait) when any is reached. */
  private async takeAll(places: [Limit, string, string][]): Promise<void> {
    const results = await Promise.allSettled(places.map(([limit, key]) => limit.take(key)));
    const refusals: { message: string; msBeforeReset: number }[] = [];
    let failure: unknown;
    for (const [i, result] of results.entries()) {
      if (result.status === 'rejected') failure ??= result.reason;
      else if (!result.value.taken) refusals.push({ message: places[i][2], msBeforeReset: result.value.msBeforeReset });
    }
    if (refusals.length === 0 && failure === undefined) return;
    // Give back whichever places were taken: a refused attempt counts for nothing.
    await Promise.all(
      results.map((result, i) =>
        result.status === 'fulfilled' && (result.value as Taken).taken ? places[i][0].giveBack(places[i][1]) : undefined,
      ),
    );
    if (failure !== undefined) throw failure;
    throw new TooManyRequestsException(refusals[0].message, Math.max(...refusals.map((r) => r.msBeforeReset)));
  }
}
