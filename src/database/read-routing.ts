import { CanActivate, ExecutionContext, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { REPLICA_LAG_CHECK_SECONDS, type AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { isDatabaseUnavailable } from './database-errors';

/** What a read needs of a database: one statement, its rows. */
export interface Reader {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/** A replica's pool and what the last lag check found. */
class Replica {
  usable = false;
  /** Why it is skipped, for the log line when that changes. */
  skippedFor = 'not checked yet';

  constructor(
    readonly name: string,
    readonly pool: Pool,
  ) {}
}

/** A WAL position ("16/B374D848") as a number, to compare two. */
function lsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * Where reads run: the one place that decides between the primary and the replicas
 * (DATABASE_REPLICA_URLS). Everything goes to the primary (the app's DataSource, which
 * has no TypeORM `replication`, so no query is sent to a replica behind the code's back)
 * except the reads that ask `reader(viewerId)`: the feed, search and a post by id. They
 * go to a replica unless the viewer wrote within REPLICA_STICKY_SECONDS (read-your-writes)
 * or no replica is up and within REPLICA_MAX_LAG_SECONDS of the primary.
 *
 * Lag is measured against the primary's own WAL position, sampled every
 * REPLICA_LAG_CHECK_SECONDS: a replica is within N seconds if it has replayed the
 * position the primary had N seconds ago. `now() - pg_last_xact_replay_timestamp()`
 * would grow on an idle primary (nothing to replay), and receive LSN = replay LSN would
 * call a replica whose stream broke "caught up".
 */
@Injectable()
export class ReadRouting implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Replicas');
  private readonly replicas: Replica[];
  /** The primary's WAL position, sampled each check, kept for REPLICA_MAX_LAG_SECONDS. */
  private readonly primaryPositions: { at: number; lsn: bigint }[] = [];
  /** User id -> when their last write finished (ms). Per instance: see docs/operations.md (Read-your-writes). */
  private readonly lastWrites = new Map<number, number>();
  private nextReplica = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.replicas = config.databaseReplicaUrls.map((url, i) => {
      const { host } = new URL(url);
      const pool = new Pool({ connectionString: url, max: config.dbPoolSize, connectionTimeoutMillis: 5_000, application_name: 'social-api' });
      const replica = new Replica(`replica ${i + 1} (${host})`, pool);
      // An idle connection the server dropped (unhandled, this event would end the process).
      // The pool replaces it; a read that then cannot connect falls back to the primary.
      pool.on('error', (err) => this.logger.warn(`${replica.name}: connection lost: ${err.message}`));
      return replica;
    });
  }

  /** Where a read for `viewerId` runs. Use it for reads a stale answer cannot harm beyond the lag limit. */
  reader(viewerId: number): Reader {
    const writtenAt = this.lastWrites.get(viewerId);
    if (writtenAt !== undefined && Date.now() - writtenAt < this.config.replicaStickySeconds * 1000) return this.onPrimary;
    const replica = this.pickReplica();
    return replica ? this.onReplica(replica) : this.onPrimary;
  }

  /**
   * One statement on the primary, on the pool of the app's DataSource, not through
   * TypeORM's query(): that adds a query runner, query events and a result wrapper
   * to each statement, ~30 µs of CPU, for nothing a read uses. For the reads every
   * request makes (the token's user) and the routed reads that land on the primary.
   * Errors are the driver's own, which sqlState() and isDatabaseUnavailable() read
   * as they read TypeORM's wrapped ones.
   */
  readonly onPrimary: Reader = {
    query: async <T>(sql: string, params?: unknown[]): Promise<T> => {
      // Looked up each time: the pool exists once the DataSource is initialised.
      const pool = (this.primary.driver as unknown as { master: Pool }).master;
      return (await pool.query(sql, params)).rows as T;
    },
  };

  /** Every pool, for the metrics: `primary` (once the DataSource is up), `replica1`, `replica2`, ... */
  pools(): { name: string; pool: Pool }[] {
    const primary = (this.primary.driver as unknown as { master?: Pool }).master;
    return [...(primary ? [{ name: 'primary', pool: primary }] : []), ...this.replicas.map((r, i) => ({ name: `replica${i + 1}`, pool: r.pool }))];
  }

  /** The user has written: their reads stay on the primary for REPLICA_STICKY_SECONDS. */
  recordWrite(userId: number): void {
    if (this.replicas.length > 0) this.lastWrites.set(userId, Date.now());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.replicas.length === 0) return;
    await this.check();
    this.scheduleCheck();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.replicas.map((r) => r.pool.end()));
  }

  private pickReplica(): Replica | undefined {
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.nextReplica++ % this.replicas.length];
      if (replica.usable) return replica;
    }
    return undefined;
  }

  /** Reads are safe to repeat: one the replica cannot serve (it went down) is served by the primary. */
  private onReplica(replica: Replica): Reader {
    return {
      query: async <T>(sql: string, params?: unknown[]): Promise<T> => {
        try {
          return (await replica.pool.query(sql, params)).rows as T;
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          this.skip(replica, `unreachable: ${(err as Error).message}`);
          return this.onPrimary.query<T>(sql, params);
        }
      },
    };
  }

  private scheduleCheck(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check().finally(() => this.scheduleCheck()), REPLICA_LAG_CHECK_SECONDS * 1000);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const now = Date.now();
    for (const [userId, at] of this.lastWrites) {
      if (now - at >= this.config.replicaStickySeconds * 1000) this.lastWrites.delete(userId);
    }
    // Sampled before the query is sent: every commit before `now` is at or below this position.
    let position: bigint;
    try {
      const [row] = await this.primary.query<{ lsn: string }[]>('SELECT pg_current_wal_lsn()::text AS lsn');
      position = lsn(row.lsn);
    } catch (err) {
      // Without the primary's position no replica's lag is known.
      for (const replica of this.replicas) this.skip(replica, `lag unknown (primary unreachable: ${(err as Error).message})`);
      return;
    }
    this.primaryPositions.push({ at: now, lsn: position });
    while (now - this.primaryPositions[0].at > this.config.replicaMaxLagSeconds * 1000) this.primaryPositions.shift();
    // The oldest position within the lag limit: a replica that has replayed it is within the limit.
    const required = this.primaryPositions[0];
    await Promise.all(this.replicas.map((replica) => this.checkReplica(replica, required.lsn, Math.round((now - required.at) / 1000))));
  }

  private async checkReplica(replica: Replica, required: bigint, requiredAgeSeconds: number): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    try {
      const answer = replica.pool.query<{ standby: boolean; replayed: string | null }>(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed',
      );
      const timedOut = new Promise<never>((_, fail) => {
        timeout = setTimeout(() => fail(new Error('no answer to the lag check')), REPLICA_LAG_CHECK_SECONDS * 1000);
      });
      const [{ standby, replayed }] = (await Promise.race([answer, timedOut])).rows;
      if (!standby || replayed === null) return this.skip(replica, 'not a standby (not in recovery)');
      if (lsn(replayed) < required) {
        return this.skip(replica, `has not replayed the primary's position of ${requiredAgeSeconds} s ago (limit ${this.config.replicaMaxLagSeconds} s)`);
      }
      if (!replica.usable) this.logger.log(`${replica.name}: serving reads`);
      replica.usable = true;
    } catch (err) {
      this.skip(replica, `unreachable: ${(err as Error).message}`);
    } finally {
      clearTimeout(timeout);
    }
  }

  private skip(replica: Replica, reason: string): void {
    if (replica.usable || replica.skippedFor !== reason) this.logger.warn(`${replica.name}: skipped, ${reason}`);
    replica.usable = false;
    replica.skippedFor = reason;
  }
}

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Remembers each request that may have written, by its user, before the answer
 * leaves: the client's next read is then sure to go to the primary. A guard, not
 * an interceptor (any interceptor puts every request, reads too, on Nest's
 * Observable path): configureApp registers it after the token's guard, which sets
 * the user. It records when the request starts, and again when the response closes
 * (answered or not), so that the sticky window runs
 * from when the client can see the write, failed writes included: a statement can
 * commit and still fail to answer (a dropped connection).
 */
@Injectable()
export class RecordWrites implements CanActivate {
  constructor(private readonly routing: ReadRouting) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const userId = (req.user as { id?: number } | undefined)?.id;
    if (READ_ONLY_METHODS.has(req.method) || userId === undefined) return true;
    this.routing.recordWrite(userId);
    // 'close' follows every answer, and a connection dropped before one.
    context.switchToHttp().getResponse<Response>().once('close', () => this.routing.recordWrite(userId));
    return true;
  }
}
