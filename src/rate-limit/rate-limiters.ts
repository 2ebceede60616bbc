import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import cluster from 'node:cluster';
import { RateLimiterAbstract, RateLimiterCluster, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { TooManyRequestsException } from '../http/too-many-requests.exception';

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

  constructor(@InjectConfig() config: AppConfig) {
    // Only the primary of src/workers.ts answers the cluster limiter's messages; another
    // cluster manager (pm2's, say) would leave every call waiting for its timeout.
    this.workerOfPrimary = cluster.isWorker && config.webConcurrency > 1;
    if (config.redisUrl) {
      // No offline queue: while Redis is unreachable, calls fail fast and the insurance limiter answers.
      this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.redis.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
    }
  }

  create(name: string, points: number, durationSeconds: number): RateLimiterAbstract {
    const memory = this.workerOfPrimary
      ? new RateLimiterCluster({ keyPrefix: name, points, duration: durationSeconds, timeoutMs: 3000 })
      : new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
    if (!this.redis) return memory;
    return new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `social-api:${name}`,
      points,
      duration: durationSeconds,
      insuranceLimiter: memory,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** Takes one point of `key`, or refuses with 429 and `Retry-After` once the limit is reached. */
export async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw new TooManyRequestsException(message, res.msBeforeNext);
    throw res;
  }
}
