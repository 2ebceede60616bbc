import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { ReadRouting } from '../database/read-routing';
import { PageQueryDto } from '../http/page-query.dto';
import { pageHeaders } from '../http/paging';
import { FeedCursors } from '../posts/feed-paging';
import { readableBy } from '../posts/post-access';
import { POST_OUT_SQL, PostOutRow } from '../posts/post-projection';
import { postPageOf } from '../posts/posts.repository';
import type { PostsAnswer } from '../posts/posts.service';
import { viewerOf } from '../users/dto/user-out.dto';
import type { User } from '../users/user.entity';

/**
 * A page of the home timeline of the reader $1: the published posts of the authors they
 * follow and their own, newest first, after post $3 (if given), $2 rows. Three sources,
 * each an index range that stops after $2 rows, merged:
 * - pushed: the reader's timeline_entries (filled by the fan-out worker), each checked
 *   against posts and follows, so an entry of a deleted, unpublished or unfollowed
 *   author's post is skipped until the worker removes it. The check is a scalar subquery,
 *   which the planner cannot turn into a join: the plan stays a backward scan of the
 *   reader's entries that stops after $2 rows, whatever it estimates of the reader's
 *   follows (as a join, it read every post of a reader's few followees, 61 ms at 1M posts);
 * - own: the reader's own posts (posts_owner_feed_idx), so a post is in its author's
 *   timeline at once;
 * - pulled: the posts of followed authors whose posts are not pushed (timeline_pulled:
 *   more than TIMELINE_PUSH_MAX_FOLLOWERS followers), one range of
 *   posts_owner_feed_idx each. Their number is bounded by the number of such authors,
 *   not by how many accounts the reader follows.
 * A post both pushed and pulled (pushed before its author crossed the limit) counts once.
 */
export function timelineQuery(readerId: number, limit: number, after?: number): [string, unknown[]] {
  const older = (post: string) => (after === undefined ? '' : ` AND ${post}.id < $3`);
  const visible = `p.published AND ${readableBy('$1')}`;
  return [
    `WITH pushed AS (
       SELECT e.post_id AS id FROM timeline_entries e
       WHERE e.user_id = $1${after === undefined ? '' : ' AND e.post_id < $3'}
         AND (SELECT ${visible} AND EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = p.owner_id)
              FROM posts p WHERE p.id = e.post_id)
       ORDER BY e.post_id DESC LIMIT $2),
     own AS (
       SELECT p.id FROM posts p WHERE p.owner_id = $1 AND ${visible}${older('p')} ORDER BY p.id DESC LIMIT $2),
     pulled AS (
       SELECT x.id FROM users a
       CROSS JOIN LATERAL (SELECT p.id FROM posts p WHERE p.owner_id = a.id AND ${visible}${older('p')} ORDER BY p.id DESC LIMIT $2) x
       WHERE a.timeline_pulled AND EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = a.id)),
     page AS (SELECT id FROM (SELECT id FROM pushed UNION SELECT id FROM own UNION SELECT id FROM pulled) merged ORDER BY id DESC LIMIT $2)
     ${POST_OUT_SQL}
     ORDER BY p.id DESC`,
    after === undefined ? [readerId, limit + 1] : [readerId, limit + 1, after],
  ];
}

@Injectable()
export class TimelineService {
  private readonly cursors: FeedCursors;

  constructor(
    private readonly reads: ReadRouting,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.cursors = new FeedCursors(config.secretKey);
  }

  /** GET /timeline: no X-Total-Count (a count of a merge is no index lookup). */
  async page(reader: User, { limit, cursor }: PageQueryDto): Promise<PostsAnswer> {
    const after = this.cursors.decodeQuery(cursor);
    const rows = await this.reads.reader(reader.id).query<PostOutRow[]>(...timelineQuery(reader.id, limit, after));
    const page = postPageOf(rows, viewerOf(reader, this.config), limit);
    const nextCursor = page.nextAfter === undefined ? undefined : this.cursors.encode(page.nextAfter);
    return { posts: page.posts, headers: pageHeaders('/timeline', { limit }, { nextCursor }) };
  }
}
