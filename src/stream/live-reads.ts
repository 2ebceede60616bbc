import { Injectable } from '@nestjs/common';
import { ReadRouting } from '../database/read-routing';
import { COMMENT_SQL, CommentRow, toComment } from '../comments/comment-projection';
import type { CommentDto } from '../comments/dto/comment.dto';
import type { PostOutDto } from '../posts/dto/post-out.dto';
import { readableBy, visibleTo } from '../posts/post-access';
import { POST_OUT_SQL, PostOutRow, toPostOut } from '../posts/post-projection';
import type { Viewer } from '../users/dto/user-out.dto';
import { EventPosition } from './event-position';

/** A row read once for an event, shown to each stream as its viewer sees it. */
export interface LiveRead<Row, Out> {
  row: Row;
  out(viewer: Viewer): Out;
  /** Users across a block from its author(s): not sent to them. */
  hiddenFrom: Set<number>;
}

/** How far back a reconnecting stream is caught up. */
const REPLAY_HOURS = 24;
/** At most this many timeline posts are replayed; a client further behind reads GET /timeline. */
const REPLAY_POSTS = 500;

/**
 * What streams read: once per event for all the streams of this process that need it, on
 * the primary (an event follows a write that a replica may not have replayed yet).
 */
@Injectable()
export class LiveReads {
  constructor(private readonly reads: ReadRouting) {}

  /** Of `ids`, those of posts `viewerId` may read. */
  async readablePosts(viewerId: number, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.query<{ id: number }>(`SELECT p.id FROM posts p WHERE p.id = ANY($2::int[]) AND ${readableBy('$1')}`, [viewerId, ids]);
    return new Set(rows.map((r) => r.id));
  }

  async followees(userId: number): Promise<Set<number>> {
    const rows = await this.query<{ id: number }>('SELECT followee_id AS id FROM follows WHERE follower_id = $1', [userId]);
    return new Set(rows.map((r) => r.id));
  }

  /** Now: the newest post and the user's newest notification (two reads of a primary key's end). */
  async currentPosition(userId: number): Promise<EventPosition> {
    const [row] = await this.query<{ post: number; notification: string }>(
      `SELECT (SELECT coalesce(max(id), 0) FROM posts) AS post, (SELECT coalesce(max(id), 0) FROM notifications WHERE user_id = $1)::text AS notification`,
      [userId],
    );
    return new EventPosition(row.post, Number(row.notification));
  }

  /** A post, with which of `voters` voted on it. */
  async post(postId: number, voters: number[]): Promise<LiveRead<PostOutRow, PostOutDto> | undefined> {
    const [row] = await this.query<PostOutRow & { voted_by: number[]; hidden_from: number[] }>(
      `WITH page AS (SELECT $2::int AS id)
       SELECT x.*, ARRAY(SELECT v.user_id FROM votes v WHERE v.post_id = x.id AND v.user_id = ANY($3::int[])) AS voted_by,
              ARRAY(SELECT blocked FROM blocked_ids(x.owner_id) blocked) AS hidden_from
       FROM (${POST_OUT_SQL}) x`,
      [0, postId, voters],
    );
    if (!row) return undefined;
    const votedBy = new Set(row.voted_by);
    return { row, out: (viewer) => toPostOut({ ...row, voted: votedBy.has(viewer.id!) }, viewer), hiddenFrom: new Set(row.hidden_from) };
  }

  async votes(postId: number): Promise<number | undefined> {
    const [row] = await this.query<{ votes: number }>('SELECT votes_count AS votes FROM posts WHERE id = $1', [postId]);
    return row?.votes;
  }

  /** A comment, and whom its notifications went to (the post's owner, the author replied to). */
  async comment(commentId: number): Promise<(LiveRead<CommentRow, CommentDto> & { notified: number[] }) | undefined> {
    const [row] = await this.query<CommentRow & { post_owner_id: number; replied_owner_id: number | null; hidden_from: number[] }>(
      `WITH page AS (SELECT $1::int AS id)
       SELECT x.*, p.owner_id AS post_owner_id, r.owner_id AS replied_owner_id,
              ARRAY(SELECT blocked FROM blocked_ids(x.owner_id) blocked UNION SELECT blocked FROM blocked_ids(p.owner_id) blocked) AS hidden_from
       FROM (${COMMENT_SQL}) x JOIN posts p ON p.id = x.post_id LEFT JOIN comments r ON r.id = x.reply_to`,
      [commentId],
    );
    if (!row) return undefined;
    const notified = [...new Set([row.post_owner_id, row.replied_owner_id])].filter((id): id is number => id !== null && id !== row.owner_id);
    return { row, out: (viewer) => toComment(row, viewer), hiddenFrom: new Set(row.hidden_from), notified };
  }

  /** The timeline posts after `after` of the last REPLAY_HOURS, oldest first: the user's own and their followees'. */
  async timelineSince(userId: number, after: number): Promise<LiveRead<PostOutRow, PostOutDto>[]> {
    const rows = await this.query<PostOutRow>(
      `WITH page AS (SELECT p.id FROM posts p
                     WHERE p.id > $2 AND p.created_at > now() - make_interval(hours => $3) AND p.published
                       AND (p.owner_id = $1 OR p.owner_id IN (SELECT followee_id FROM follows WHERE follower_id = $1))
                       AND ${visibleTo('$1', 'p.owner_id')}
                     ORDER BY p.id LIMIT $4)
       ${POST_OUT_SQL} ORDER BY p.id`,
      [userId, after, REPLAY_HOURS, REPLAY_POSTS],
    );
    return rows.map((row) => ({ row, out: (viewer: Viewer) => toPostOut(row, viewer), hiddenFrom: new Set() }));
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.reads.onPrimary.query<T[]>(sql, params);
  }
}
