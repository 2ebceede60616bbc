import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';

/** How often an idle worker looks for jobs (queued by any instance, or by plain SQL). */
const POLL_MS = 200;

/** The tables the worker changes in the background, whatever the requests of the moment do. */
export const BACKGROUND_TABLES = ['timeline_entries', 'timeline_jobs'];

/** Jobs taken per statement: a push to a few thousand followers each keeps one well under a second. */
const BATCH = 20;

/**
 * Statements of work done in the background, not for a request, start with this
 * comment, so that a count of a request's statements can leave them out.
 */
export const BACKGROUND_SQL = '/* background */';

/**
 * One batch of jobs, taken and applied in a single statement (so atomically, with no
 * transaction to hold a pooled connection across round trips): the jobs are deleted as
 * they are taken, and every kind is applied from the same rows. Each job is applied
 * against the tables as they are when it runs, not as they were when it was queued, so
 * jobs may run in any order and on any instance: a follow is backfilled only while it
 * still exists, an unfollow cleaned up only while it is still gone, a post pushed only
 * while it exists and its author is not to be pulled. An author with more followers
 * than $2 is marked to be pulled by the batch that meets their next post, and neither
 * that post nor a backfill of theirs is pushed.
 */
const BATCH_SQL = `${BACKGROUND_SQL}
  WITH jobs AS (
    DELETE FROM timeline_jobs WHERE id IN (SELECT id FROM timeline_jobs ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING kind, author_id, post_id, reader_id),
  marked AS (
    UPDATE users SET timeline_pulled = true
    WHERE id IN (SELECT author_id FROM jobs WHERE kind = 'post') AND NOT timeline_pulled AND followers_count > $2
    RETURNING id),
  pushable AS (
    SELECT j.* FROM jobs j JOIN users a ON a.id = j.author_id
    WHERE NOT a.timeline_pulled AND a.id NOT IN (SELECT id FROM marked)),
  pushed AS (
    INSERT INTO timeline_entries (user_id, post_id)
    SELECT f.follower_id, j.post_id FROM pushable j
    JOIN posts p ON p.id = j.post_id
    JOIN follows f ON f.followee_id = j.author_id
    WHERE j.kind = 'post'
    ON CONFLICT DO NOTHING),
  backfilled AS (
    INSERT INTO timeline_entries (user_id, post_id)
    SELECT j.reader_id, p.id FROM pushable j
    JOIN follows f ON f.follower_id = j.reader_id AND f.followee_id = j.author_id
    JOIN posts p ON p.owner_id = j.author_id
    WHERE j.kind = 'follow'
    ON CONFLICT DO NOTHING),
  unfollowed AS (
    DELETE FROM timeline_entries e USING jobs j, posts p
    WHERE j.kind = 'unfollow' AND p.owner_id = j.author_id AND e.user_id = j.reader_id AND e.post_id = p.id
      AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = j.reader_id AND f.followee_id = j.author_id)),
  deleted AS (
    DELETE FROM timeline_entries e USING jobs j, follows f
    WHERE j.kind = 'delete' AND f.followee_id = j.author_id AND e.user_id = f.follower_id AND e.post_id = j.post_id
      AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = j.post_id))
  SELECT count(*)::int AS n FROM jobs`;

/**
 * The timeline worker of this instance: takes jobs off timeline_jobs (queued by triggers
 * on posts and follows, see migration AddHomeTimelines) and applies them, outside any
 * request, so that a post costs its author the same whatever their follower count.
 * Instances share the queue (FOR UPDATE SKIP LOCKED); a batch and its jobs' removal
 * are one statement, so a crash leaves the jobs queued.
 *
 * An author with more than TIMELINE_PUSH_MAX_FOLLOWERS followers is marked
 * timeline_pulled when one of their posts comes up, and from then on is read, not
 * pushed (timeline.service.ts).
 */
@Injectable()
export class TimelineFanout implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Timeline');
  private stopped = false;
  private running?: Promise<void>;
  private wake?: () => void;
  private failing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  /** Applies queued jobs until none is left; the number applied. For tests and the benchmark. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.runBatch(); n > 0; n = await this.runBatch()) total += n;
    return total;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let applied = 0;
      try {
        applied = await this.runBatch();
        if (this.failing) this.logger.log('timeline jobs are being applied again');
        this.failing = false;
      } catch (err) {
        // The database is away (or shutting down): try again at the next poll, and say so once.
        if (!this.failing && !this.stopped) this.logger.warn(`timeline jobs wait: ${(err as Error).message}`);
        this.failing = true;
      }
      if (applied === 0 && !this.stopped) await this.sleep(POLL_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(done, ms);
      this.wake = () => {
        clearTimeout(timer);
        done();
      };
    });
  }

  /** Takes and applies up to BATCH jobs; the number taken. */
  private async runBatch(): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }[]>(BATCH_SQL, [BATCH, this.config.timelinePushMaxFollowers]);
    return n;
  }
}
