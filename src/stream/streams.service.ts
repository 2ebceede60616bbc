import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EventBus } from '../events/event-bus';
import type { LiveEvent } from '../events/live-event';
import { Metrics } from '../metrics/metrics';
import { NotificationsService } from '../notifications/notifications.service';
import type { AuthenticatedUser } from '../sessions/token-users';
import { viewerOf, type Viewer } from '../users/dto/user-out.dto';
import { LiveReads } from './live-reads';
import { EventPosition } from './event-position';

/** At most this many `votes` events a second per watched post: one per this many ms. */
const VOTES_EVERY_MS = 260;
/** Timeline posts a stream remembers having sent, so that none is sent twice when ids commit out of order. */
const RECENT_POSTS = 64;
/** Sent to a stream closed for its user's cap: reconnect no sooner than this. */
const CAPPED_RETRY_MS = 60_000;
/** Sent on shutdown: reconnect after this many ms (to another instance, or this one restarted). */
const SHUTDOWN_RETRY_MS = 1000;

/** A watched post's `votes` events on this instance. */
interface VotesState {
  timer?: NodeJS.Timeout;
  /** When the last event was sent. */
  sentAt: number;
  /** Votes came since the last read began. */
  changed: boolean;
  reading: boolean;
}

/** One open `GET /stream`. */
interface Stream {
  readonly user: AuthenticatedUser;
  readonly viewer: Viewer;
  readonly res: ServerResponse;
  /** Posts the client asked to follow closely (`?watch=`), those the user may read. */
  readonly watched: Set<number>;
  /** The authors whose posts enter the timeline: the followees and the user. */
  readonly authors: Set<number>;
  position: EventPosition;
  readonly recentPosts: number[];
  unread?: number;
  /** A catch-up of notifications waits in the queue: a burst of them (votes on a popular post) needs only that one. */
  notificationsQueued: boolean;
  /** The stream's work, one step after another, so that its events keep their order. */
  queue: Promise<void>;
  closed: boolean;
}

/**
 * The open event streams of this process, and what each is sent. Every instance hears
 * every event on the channel (src/events/event-bus.ts) and reads, once per event, what
 * its own streams need, then filters it per viewer by the visibility rule: a row changed
 * is named in the channel, never its contents. `timeline` and `notification` events
 * carry the stream's position (EventPosition) as their id, from which a reconnecting
 * client is caught up out of the posts and notifications tables themselves.
 */
@Injectable()
export class StreamsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Streams');
  private readonly streams = new Set<Stream>();
  private readonly byUser = new Map<number, Stream[]>();
  private readonly byAuthor = new Map<number, Set<Stream>>();
  private readonly byWatched = new Map<number, Set<Stream>>();
  private readonly votes = new Map<number, VotesState>();
  private heartbeat?: NodeJS.Timeout;
  private readonly openGauge;
  private readonly sent;
  private readonly dropped;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly bus: EventBus,
    private readonly reads: LiveReads,
    private readonly notifications: NotificationsService,
    metrics: Metrics,
  ) {
    this.openGauge = metrics.gauge({ name: 'social_api_open_streams', help: 'Event streams open on this process' });
    this.sent = metrics.counter({ name: 'social_api_events_sent_total', help: 'Events sent to streams, by event', labelNames: ['event'] });
    this.dropped = metrics.counter({ name: 'social_api_streams_dropped_total', help: 'Streams closed by the server, by reason', labelNames: ['reason'] });
  }

  onModuleInit(): void {
    this.bus.subscribe((event) => this.hear(event));
    this.heartbeat = setInterval(() => this.beat(), this.config.streamHeartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  /** Past the process's cap a new stream is refused (the controller answers 503). */
  get full(): boolean {
    return this.streams.size >= this.config.streamsPerProcess;
  }

  get size(): number {
    return this.streams.size;
  }

  /**
   * Opens a stream on `res` (headers not sent yet). With `lastEventId` (a position this API
   * gave), the timeline posts and notifications after it are sent first, in order.
   */
  async open(user: AuthenticatedUser, res: ServerResponse, watch: number[], lastEventId: EventPosition | undefined): Promise<void> {
    const [watched, authors, position] = await Promise.all([
      this.reads.readablePosts(user.id, watch),
      this.reads.followees(user.id),
      lastEventId ?? this.reads.currentPosition(user.id),
    ]);
    authors.add(user.id);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx: pass events on as they come (deploy/nginx/social-api.conf also says so for /stream).
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connected\n\n');
    const stream: Stream = {
      user,
      viewer: viewerOf(user, this.config),
      res,
      watched,
      authors,
      position,
      recentPosts: [],
      notificationsQueued: false,
      queue: Promise.resolve(),
      closed: false,
    };
    // The user's oldest streams close to make room for this one.
    const own = this.byUser.get(user.id) ?? [];
    // Their clients are asked to wait before reconnecting, so that a user with one tab too many
    // does not have the tabs close each other's streams in turn every second.
    for (const oldest of own.slice(0, Math.max(0, own.length - this.config.streamsPerUser + 1))) {
      oldest.res.write(`retry: ${CAPPED_RETRY_MS}\n\n`);
      this.close(oldest, 'per-user cap');
    }
    this.register(stream);
    res.on('close', () => this.unregister(stream));
    if (lastEventId) this.enqueue(stream, () => this.replay(stream));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const stream of [...this.streams]) {
      stream.res.write(`retry: ${SHUTDOWN_RETRY_MS}\n\n`);
      this.close(stream, 'shutdown');
    }
  }

  private hear(event: LiveEvent): void {
    switch (event.type) {
      case 'post':
        return this.timeline(event.id, event.author);
      case 'post.updated':
      case 'post.deleted':
        return this.changed(event.id, event.author, event.type === 'post.deleted');
      case 'votes':
        return this.votesChanged(event.post);
      case 'comment':
        return this.comment(event.id, event.post);
      case 'notifications':
        return this.notificationsChanged(event.user);
      case 'follows':
        return this.follows(event.follower, event.followee, event.following);
      case 'sessions':
        return this.endStreams(event.user, (s) => (s.user.sessionId === null ? event.courseTokens : event.ended.includes(s.user.sessionId)));
      case 'user':
        if (event.deleted) this.endStreams(event.id, () => true);
        return;
    }
  }

  /** A published post: to the streams whose timeline it enters (its author follows no one across a block). */
  private timeline(postId: number, author: number): void {
    const targets = this.byAuthor.get(author);
    if (!targets?.size) return;
    const post = this.reads.post(postId, []);
    for (const stream of targets) {
      this.enqueue(stream, async () => {
        const read = await post;
        if (read?.row.published) this.sendTimeline(stream, read.out(stream.viewer));
      });
    }
  }

  /** An edit, unpublishing or deletion: to the streams that have the post in their timeline or watch it. */
  private changed(postId: number, author: number, deleted: boolean): void {
    const targets = new Set([...(this.byAuthor.get(author) ?? []), ...(this.byWatched.get(postId) ?? [])]);
    if (!targets.size) return;
    const post = deleted ? undefined : this.reads.post(postId, [...targets].map((s) => s.user.id));
    for (const stream of targets) {
      this.enqueue(stream, async () => {
        const read = await post;
        if (read?.hiddenFrom.has(stream.user.id)) return;
        // Gone, or a draft again (which only its author reads): gone for the others.
        if (!read || (!read.row.published && stream.user.id !== author)) {
          this.send(stream, 'post.deleted', { id: postId });
          this.unwatch(stream, postId);
        } else {
          this.send(stream, 'post.updated', read.out(stream.viewer));
        }
      });
    }
  }

  /**
   * Coalesced: one read of the count at a time per post, sent to its watchers at once, and the
   * next read no sooner than VOTES_EVERY_MS after that send; votes meanwhile only mark the post
   * as changed. So at most 4 `votes` events a second per post, the last with the final count,
   * however slowly the reads come back.
   */
  private votesChanged(postId: number): void {
    if (!this.byWatched.get(postId)?.size) return;
    const state = this.votes.get(postId) ?? { sentAt: 0, changed: false, reading: false };
    this.votes.set(postId, state);
    state.changed = true;
    this.scheduleVotes(postId, state);
  }

  private scheduleVotes(postId: number, state: VotesState): void {
    if (state.timer || state.reading || !state.changed) return;
    state.timer = setTimeout(() => void this.sendVotes(postId, state), Math.max(0, state.sentAt + VOTES_EVERY_MS - Date.now()));
  }

  private async sendVotes(postId: number, state: VotesState): Promise<void> {
    state.timer = undefined;
    state.changed = false;
    state.reading = true;
    try {
      const votes = await this.reads.votes(postId);
      if (votes !== undefined) for (const stream of this.byWatched.get(postId) ?? []) this.send(stream, 'votes', { post_id: postId, votes });
    } catch (err) {
      this.logger.warn(`votes of post ${postId}: ${(err as Error).message}`);
    } finally {
      state.sentAt = Date.now();
      state.reading = false;
    }
    if (this.byWatched.get(postId)?.size) this.scheduleVotes(postId, state);
    else this.votes.delete(postId);
  }

  private comment(commentId: number, postId: number): void {
    const watchers = this.byWatched.get(postId);
    // Without a stream here, nobody here is told (of the comment, or of its notifications).
    if (this.streams.size === 0) return;
    const comment = this.reads.comment(commentId);
    comment.then(
      // Its notifications (to the post's owner, to the author replied to) are made with it.
      (read) => read?.notified.forEach((user) => this.notificationsChanged(user)),
      (err: Error) => this.logger.warn(`comment ${commentId}: ${err.message}`),
    );
    for (const stream of watchers ?? []) {
      this.enqueue(stream, async () => {
        const read = await comment;
        if (read && !read.hiddenFrom.has(stream.user.id)) this.send(stream, 'comment', read.out(stream.viewer));
      });
    }
  }

  private notificationsChanged(userId: number): void {
    for (const stream of this.byUser.get(userId) ?? []) {
      if (stream.notificationsQueued) continue;
      stream.notificationsQueued = true;
      this.enqueue(stream, () => {
        stream.notificationsQueued = false;
        return this.catchUpNotifications(stream);
      });
    }
  }

  private follows(follower: number, followee: number, following: boolean): void {
    for (const stream of this.byUser.get(follower) ?? []) {
      if (following) {
        stream.authors.add(followee);
        this.index(this.byAuthor, followee, stream);
      } else {
        stream.authors.delete(followee);
        this.unindex(this.byAuthor, followee, stream);
      }
    }
  }

  private endStreams(userId: number, ended: (stream: Stream) => boolean): void {
    for (const stream of [...(this.byUser.get(userId) ?? [])]) {
      if (!ended(stream)) continue;
      this.send(stream, 'session.ended', {});
      this.close(stream, 'session ended');
    }
  }

  /** After a reconnect: the timeline posts and notifications missed, oldest first; then the unread count. */
  private async replay(stream: Stream): Promise<void> {
    const posts = await this.reads.timelineSince(stream.user.id, stream.position.post);
    for (const post of posts) this.sendTimeline(stream, post.out(stream.viewer));
    await this.catchUpNotifications(stream, true);
  }

  private async catchUpNotifications(stream: Stream, always = false): Promise<void> {
    const made = await this.notifications.newer(stream.user.id, stream.position.notification, 100);
    for (const notification of made) {
      stream.position = stream.position.with({ notification: notification.id });
      this.send(stream, 'notification', notification, true);
    }
    const { count } = await this.notifications.unread(stream.user);
    if (always || made.length > 0 || count !== stream.unread) {
      stream.unread = count;
      this.send(stream, 'unread', { count });
    }
  }

  private sendTimeline(stream: Stream, post: object & { Post: { id: number } }): void {
    const id = post.Post.id;
    if (stream.recentPosts.includes(id)) return;
    stream.recentPosts.push(id);
    if (stream.recentPosts.length > RECENT_POSTS) stream.recentPosts.shift();
    if (id > stream.position.post) stream.position = stream.position.with({ post: id });
    this.send(stream, 'timeline', post, true);
  }

  /** One event. */
  private send(stream: Stream, event: string, data: unknown, withId = false): void {
    if (stream.closed) return;
    const id = withId ? `id: ${stream.position}\n` : '';
    this.write(stream, `${id}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    this.sent.inc({ event });
  }

  private beat(): void {
    for (const stream of this.streams) this.write(stream, ': heartbeat\n\n');
  }

  /** Writes to the client; one that has let more than STREAM_BUFFER_BYTES pile up unread is dropped. */
  private write(stream: Stream, text: string): void {
    stream.res.write(text);
    if (stream.res.writableLength <= this.config.streamBufferBytes) return;
    this.close(stream, 'slow client');
    stream.res.destroy();
  }

  /** Runs `step` after the stream's earlier steps; a failure is logged and the stream goes on. */
  private enqueue(stream: Stream, step: () => Promise<void>): void {
    stream.queue = stream.queue
      .then(() => (stream.closed ? undefined : step()))
      .catch((err: Error) => this.logger.warn(`stream of user ${stream.user.id}: ${err.message}`));
  }

  private close(stream: Stream, reason: string): void {
    if (stream.closed) return;
    this.dropped.inc({ reason });
    this.unregister(stream);
    stream.res.end();
  }

  private register(stream: Stream): void {
    this.streams.add(stream);
    const own = this.byUser.get(stream.user.id) ?? [];
    own.push(stream);
    this.byUser.set(stream.user.id, own);
    for (const author of stream.authors) this.index(this.byAuthor, author, stream);
    for (const post of stream.watched) this.index(this.byWatched, post, stream);
    this.openGauge.set(this.streams.size);
  }

  private unregister(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    this.streams.delete(stream);
    const own = (this.byUser.get(stream.user.id) ?? []).filter((s) => s !== stream);
    if (own.length) this.byUser.set(stream.user.id, own);
    else this.byUser.delete(stream.user.id);
    for (const author of stream.authors) this.unindex(this.byAuthor, author, stream);
    for (const post of stream.watched) this.unwatch(stream, post, false);
    this.openGauge.set(this.streams.size);
  }

  private unwatch(stream: Stream, postId: number, forget = true): void {
    if (forget) stream.watched.delete(postId);
    this.unindex(this.byWatched, postId, stream);
    if (this.byWatched.has(postId)) return;
    clearTimeout(this.votes.get(postId)?.timer);
    this.votes.delete(postId);
  }

  private index(map: Map<number, Set<Stream>>, key: number, stream: Stream): void {
    const set = map.get(key) ?? new Set();
    set.add(stream);
    map.set(key, set);
  }

  private unindex(map: Map<number, Set<Stream>>, key: number, stream: Stream): void {
    const set = map.get(key);
    set?.delete(stream);
    if (set?.size === 0) map.delete(key);
  }
}
