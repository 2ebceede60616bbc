import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { Counter } from 'prom-client';
import cluster from 'node:cluster';
import { RateLimiterAbstract, RateLimiterCluster, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { TooManyRequestsException } from '../http/too-many-requests.exception';
import { Metrics } from '../metrics/metrics';

/**
 * Makes rate limiters (rate-limiter-flexible) whose counters live in Redis when
 * REDIS_URL is set, so that every instance sees the same counts, and in memory
 * otherwise. If Redis fails, each instance falls back to its own memory counters
 * rather than refusing logins. The memory of an instance with WEB_CONCURRENCY
 * workers is the primary's (over IPC), so a client cannot multiply its allowance
 * by landing on each worker in turn.
 */
@Injectable()
export class RateLimiters implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimiters.name);
  private readonly redis?: Redis;
  private readonly workerOfPrimary: boolean;
  private readonly refusals: Counter<'limit'>;

  constructor(@InjectConfig() config: AppConfig, metrics: Metrics) {
    this.refusals = rateLimitRefusals(metrics);
    // Only the primary of src/workers.ts answers the cluster limiter's messages; another
    // cluster manager (pm2's, say) would leave every call waiting for its timeout.
    this.workerOfPrimary = cluster.isWorker && config.webConcurrency > 1;
    if (config.redisUrl) {
      // No offline queue: while Redis is unreachable, calls fail fast and the insurance limiter answers.
      this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.redis.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
    }
  }

  /**
   * A limit of `points` per `durationSeconds` for each key. `name` is the limit's name
   * wherever it shows: its keys in Redis, its refusals in the metrics.
   */
  create(name: string, points: number, durationSeconds: number): Limit {
    const memory = this.workerOfPrimary
      ? new RateLimiterCluster({ keyPrefix: name, points, duration: durationSeconds, timeoutMs: 3000 })
      : new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
    const refused = () => this.refusals.inc({ limit: name });
    if (!this.redis) return new Limit(name, memory, refused);
    return new Limit(
      name,
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `social-api:${name}`,
        points,
        duration: durationSeconds,
        insuranceLimiter: memory,
      }),
      refused,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** Requests refused by each limit (a 429, a dropped reset mail, a 503 of the hashing queue), by its name. */
export const rateLimitRefusals = (metrics: Metrics): Counter<'limit'> =>
  metrics.counter({ name: 'social_api_rate_limit_refusals_total', help: 'Requests refused by a limit, by the limit\'s name', labelNames: ['limit'] });

/** What `Limit.take` did: `count` is the key's points after it, `msBeforeReset` when they are forgotten. */
export interface Taken {
  taken: boolean;
  count: number;
  msBeforeReset: number;
}

/**
 * One limit (rate-limiter-flexible's counters, atomic in memory and in Redis): its
 * points per key within its window. Refusals are answers (RateLimiterRes), not errors;
 * a failing store falls back to memory (the insurance limiter), and anything else it
 * throws is passed on.
 */
export class Limit {
  constructor(
    readonly name: string,
    private readonly limiter: RateLimiterAbstract,
    private readonly onRefusal: () => void = () => undefined,
  ) {}

  /** Counts a refusal the caller made on this limit's behalf (after reading its count, say). */
  refused(): void {
    this.onRefusal();
  }

  /** Takes `points` of `key`, unless the limit is reached (then nothing is taken). */
  async take(key: string, points = 1): Promise<Taken> {
    try {
      const res = await this.limiter.consume(key, points);
      return { taken: true, count: res.consumedPoints, msBeforeReset: res.msBeforeNext };
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      this.onRefusal();
      return { taken: false, count: res.consumedPoints, msBeforeReset: res.msBeforeNext };
    }
  }

  /** Takes one point of `key`, or refuses with 429 and `Retry-After` once the limit is reached. */
  async takeOrRefuse(key: string, message: string): Promise<void> {
    const { taken, msBeforeReset } = await this.take(key);
    if (!taken) throw new TooManyRequestsException(message, msBeforeReset);
  }

  /** Adds points whatever the count (rate-limiter-flexible's penalty): for what has happened already. */
  async add(key: string, points = 1): Promise<void> {
    await this.limiter.penalty(key, points);
  }

  async giveBack(key: string, points = 1): Promise<void> {
    await this.limiter.reward(key, points);
  }

  async clear(key: string): Promise<void> {
    await this.limiter.delete(key);
  }

  /** The points `key` holds now, and when its window ends (they are forgotten). */
  async count(key: string): Promise<{ count: number; msBeforeReset: number }> {
    const res = await this.limiter.get(key);
    return { count: res?.consumedPoints ?? 0, msBeforeReset: res?.msBeforeNext ?? 0 };
  }

  get points(): number {
    return this.limiter.points;
  }
}
