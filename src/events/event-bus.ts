import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EMBEDDED_POSTGRES } from '../database/database.module';
import type { EmbeddedPostgres } from '../database/embedded-postgres';
import { ReadRouting } from '../database/read-routing';
import { Metrics } from '../metrics/metrics';
import type { LiveEvent } from './live-event';

/** The channel's name, in PostgreSQL and in Redis. */
export const CHANNEL = 'social_api_events';

/** Marks the statements that publish, so that a count of a request's statements can tell them apart. */
export const PUBLISH_SQL = '/* publish */';

/** How a message travels between instances. */
interface Transport {
  /** Starts listening; `state` is told each time the channel is heard or lost. */
  start(deliver: (payload: string) => void, state: (up: boolean, reason?: string) => void): Promise<void>;
  publish(payload: string): Promise<void>;
  stop(): Promise<void>;
}

const RETRY_MS = [250, 1000, 2000, 5000];

/** NOTIFY, as a plain statement on the primary's pool (for the server's LISTEN and the embedded one's alike). */
async function notify(reads: ReadRouting, payload: string): Promise<void> {
  await reads.onPrimary.query(`${PUBLISH_SQL} SELECT pg_notify($1, $2)`, [CHANNEL, payload]);
}

/**
 * PostgreSQL's LISTEN/NOTIFY. NOTIFY goes through the app's pool (a plain statement,
 * which PgBouncer's transaction pooling passes); LISTEN needs a session of its own,
 * so it holds one direct connection (DATABASE_LISTEN_URL, else DATABASE_URL), and
 * reconnects when it is lost.
 */
class PostgresTransport implements Transport {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly ssl: AppConfig['databaseSsl'],
    private readonly reads: ReadRouting,
  ) {}

  async start(deliver: (payload: string) => void, state: (up: boolean, reason?: string) => void): Promise<void> {
    const connect = async (attempt: number): Promise<void> => {
      const client = new Client({
        connectionString: this.url,
        ssl: this.ssl === 'off' ? false : { rejectUnauthorized: this.ssl === 'verify-full' },
        application_name: 'social-api listener',
        connectionTimeoutMillis: 5_000,
        // A dead peer (a server or pooler gone without a word) is found within about a minute.
        keepAlive: true,
      });
      const lost = (reason: string) => {
        if (this.client !== client) return;
        this.client = undefined;
        client.removeAllListeners('notification');
        void client.end().catch(() => undefined);
        if (this.stopped) return;
        state(false, reason);
        this.retry = setTimeout(() => void connect(attempt + 1), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
      };
      client.on('error', (err) => lost(err.message));
      client.on('end', () => lost('connection closed'));
      client.on('notification', (message) => message.channel === CHANNEL && message.payload !== undefined && deliver(message.payload));
      this.client = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        if (this.client === client) state(true);
      } catch (err) {
        lost((err as Error).message);
      }
    };
    await connect(0);
  }

  publish(payload: string): Promise<void> {
    return notify(this.reads, payload);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** The embedded database's own LISTEN (one process holds it, so the channel is never lost). */
class EmbeddedTransport implements Transport {
  private unlisten?: () => Promise<void>;

  constructor(
    private readonly embedded: EmbeddedPostgres,
    private readonly reads: ReadRouting,
  ) {}

  async start(deliver: (payload: string) => void, state: (up: boolean) => void): Promise<void> {
    this.unlisten = await this.embedded.listen(CHANNEL, deliver);
    state(true);
  }

  publish(payload: string): Promise<void> {
    return notify(this.reads, payload);
  }

  async stop(): Promise<void> {
    await this.unlisten?.().catch(() => undefined);
  }
}

/** Redis pub/sub (REDIS_URL): a subscriber connection and a publisher, each reconnecting on its own. */
class RedisTransport implements Transport {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  /** The channel is the database's: instances that share a Redis but not a database do not hear each other. */
  constructor(
    url: string,
    private readonly channel: string,
  ) {
    // Without an offline queue a publish fails at once while Redis is away, instead of piling up.
    this.publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    this.subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  }

  async start(deliver: (payload: string) => void, state: (up: boolean, reason?: string) => void): Promise<void> {
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', (err: Error) => state(false, err.message));
    this.subscriber.on('close', () => state(false, 'connection closed'));
    this.subscriber.on('message', (channel: string, payload: string) => channel === this.channel && deliver(payload));
    // ioredis subscribes again on every reconnect; 'ready' follows it.
    this.subscriber.on('ready', () => state(true));
    await Promise.allSettled([this.publisher.connect(), this.subscriber.connect().then(() => this.subscriber.subscribe(this.channel))]);
  }

  async publish(payload: string): Promise<void> {
    await this.publisher.publish(this.channel, payload);
  }

  async stop(): Promise<void> {
    this.subscriber.removeAllListeners('close');
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

/** The database's name (of DATABASE_URL), or the embedded database's directory. */
function databaseName(config: AppConfig): string {
  return config.databaseUrl ? decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1)) : `embedded:${config.dataDir}`;
}

export type LiveEventHandler = (event: LiveEvent) => void;

/**
 * The channel between instances: PostgreSQL LISTEN/NOTIFY (the embedded database's
 * too), or Redis pub/sub when REDIS_URL is set. Events are delivered to this instance's
 * handlers at once, in the publishing call, and to every other instance through the
 * channel. While the channel is lost, `connected` is false (readiness says so, and the
 * session cache steps aside); when it is back, the handlers given to onReconnect catch up.
 */
@Injectable()
export class EventBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Events');
  private readonly instance = randomUUID();
  private readonly handlers: LiveEventHandler[] = [];
  private readonly reconnectHandlers: (() => void)[] = [];
  private readonly transport: Transport;
  private up = false;
  /** Why the channel is down, and since when (for readiness). */
  private down?: { reason: string; since: Date } = { reason: 'not connected yet', since: new Date() };
  private readonly published;
  private readonly received;

  constructor(
    @InjectConfig() config: AppConfig,
    reads: ReadRouting,
    @Inject(EMBEDDED_POSTGRES) embedded: EmbeddedPostgres | undefined,
    metrics: Metrics,
  ) {
    if (config.redisUrl) this.transport = new RedisTransport(config.redisUrl, `${CHANNEL}:${databaseName(config)}`);
    else if (embedded) this.transport = new EmbeddedTransport(embedded, reads);
    else this.transport = new PostgresTransport(config.databaseListenUrl ?? config.databaseUrl!, config.databaseSsl, reads);
    this.published = metrics.counter({ name: 'social_api_events_published_total', help: 'Events this instance published to the others' });
    this.received = metrics.counter({ name: 'social_api_events_received_total', help: 'Events this instance heard from the others' });
  }

  /** The channel is heard: events of other instances arrive. */
  get connected(): boolean {
    return this.up;
  }

  /** Why not, while not. */
  get outage(): { reason: string; since: Date } | undefined {
    return this.down;
  }

  subscribe(handler: LiveEventHandler): void {
    this.handlers.push(handler);
  }

  /** Called each time the channel is heard again after a loss (events may have been missed). */
  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  /**
   * Delivers here at once, and to the other instances. A failure to reach the channel
   * is logged, not thrown: the write it follows has happened, and readers that missed
   * the event find it on their next read or when their stream resumes.
   */
  async publish(...events: LiveEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) this.dispatch(event);
    try {
      await this.transport.publish(JSON.stringify({ from: this.instance, events }));
      this.published.inc(events.length);
    } catch (err) {
      this.logger.warn(`could not publish ${events.map((e) => e.type).join(', ')}: ${(err as Error).message}`);
    }
  }

  /**
   * Not awaited: the app serves while the channel comes up (until then, and whenever it is
   * lost, token checks read the database and this instance's events reach only its own streams).
   */
  onApplicationBootstrap(): void {
    this.transport
      .start(
        (payload) => this.receive(payload),
        (up, reason) => this.setState(up, reason),
      )
      .catch((err: Error) => this.setState(false, err.message));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.stop();
  }

  private receive(payload: string): void {
    let message: { from?: string; events?: LiveEvent[] };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.from === this.instance || !Array.isArray(message.events)) return;
    this.received.inc(message.events.length);
    for (const event of message.events) this.dispatch(event);
  }

  private dispatch(event: LiveEvent): void {
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch (err) {
        this.logger.warn(`event ${event.type}: ${(err as Error).message}`);
      }
    }
  }

  private setState(up: boolean, reason = 'unknown'): void {
    if (up === this.up) {
      // The first connection failed: say so once, as for a loss.
      if (!up && this.down?.reason === 'not connected yet') {
        this.down = { reason, since: this.down.since };
        this.logger.warn(`event channel not reached: ${reason}; token checks read the database until it is`);
      }
      return;
    }
    this.up = up;
    if (up) {
      const wasDown = this.down;
      this.down = undefined;
      if (wasDown && wasDown.reason !== 'not connected yet') {
        this.logger.log(`event channel heard again after ${Math.round((Date.now() - wasDown.since.getTime()) / 1000)} s`);
      }
      for (const handler of this.reconnectHandlers) handler();
    } else {
      this.down = { reason, since: new Date() };
      this.logger.warn(`event channel lost: ${reason}; token checks read the database until it is back`);
    }
  }
}
