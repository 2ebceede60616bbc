import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { EventBus } from '../events/event-bus';
import type { LiveEvent } from '../events/live-event';
import { Metrics } from '../metrics/metrics';
import type { User } from '../users/user.entity';

/** A token's user as the lookup found it: what the cache keeps. */
export type CachedTokenUser = Pick<User, 'id' | 'email' | 'username' | 'createdAt'>;

/**
 * Token lookups that found a good session, kept in memory so that most requests need no
 * database round trip to authenticate. What ends a session (log-out, rotation reuse, a
 * password change or reset, the session cap, account deletion) publishes it on the event
 * channel: this instance drops the entry in the same call, every other one when it hears
 * the channel (milliseconds). While the channel is not heard, the cache is not used at all
 * (every request reads the database, as without it), and it is emptied when the channel
 * comes back, since ends may have been missed meanwhile. Entries also expire after a
 * minute, so a change made outside the API (by hand, in SQL) holds within that.
 */
@Injectable()
export class SessionCache {
  // lru-cache allocates its index for `max` entries up front: 10,000 (under 0.5 MB) covers the
  // tokens one instance sees in a minute; past it the least used are read again.
  private readonly entries = new LRUCache<string, CachedTokenUser>({
    max: 10_000,
    ttl: 60_000,
    dispose: (_user, key) => this.unindex(key),
  });
  /** Keys by user, for the ends that name a user's sessions or all of them. */
  private readonly byUser = new Map<number, Set<string>>();
  /**
   * Bumped by every end: a lookup that began before an end must not store what it read,
   * since it may have read the session just before it ended.
   */
  private epoch = 0;
  private readonly lookups;

  constructor(
    private readonly bus: EventBus,
    metrics: Metrics,
  ) {
    bus.subscribe((event) => this.hear(event));
    bus.onReconnect(() => this.clear());
    this.lookups = metrics.counter({ name: 'social_api_token_lookups_total', help: 'Token checks, by where they were answered', labelNames: ['source'] });
  }

  /** The key of a token: its session, or for a token without one, its user and issue time. */
  static key(userId: number, sid: unknown, issuedAt: unknown): string {
    return typeof sid === 'number' ? `${userId}:${sid}` : `${userId}:c${String(issuedAt)}`;
  }

  /** Where a lookup stands before it reads the database; give it back to `set`. */
  get mark(): number {
    return this.epoch;
  }

  get(key: string): CachedTokenUser | undefined {
    if (!this.bus.connected) {
      this.lookups.inc({ source: 'database' });
      return undefined;
    }
    const user = this.entries.get(key);
    this.lookups.inc({ source: user ? 'cache' : 'database' });
    return user;
  }

  set(key: string, user: CachedTokenUser, mark: number): void {
    if (mark !== this.epoch || !this.bus.connected) return;
    this.entries.set(key, user);
    let keys = this.byUser.get(user.id);
    if (!keys) this.byUser.set(user.id, (keys = new Set()));
    keys.add(key);
  }

  private hear(event: LiveEvent): void {
    if (event.type === 'sessions') {
      this.epoch++;
      for (const session of event.ended) this.entries.delete(`${event.user}:${session}`);
      if (event.courseTokens) for (const key of [...(this.byUser.get(event.user) ?? [])]) if (key.includes(':c')) this.entries.delete(key);
    } else if (event.type === 'user') {
      this.epoch++;
      for (const key of [...(this.byUser.get(event.id) ?? [])]) this.entries.delete(key);
    }
  }

  private clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  private unindex(key: string): void {
    const userId = Number(key.slice(0, key.indexOf(':')));
    const keys = this.byUser.get(userId);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(userId);
  }
}
