import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EventBus } from '../events/event-bus';
import { PG_FOREIGN_KEY_VIOLATION, sqlState } from '../database/database-errors';
import { ReadRouting } from '../database/read-routing';
import { PageQueryDto } from '../http/page-query.dto';
import { RequestValidationError } from '../http/request-validation.error';
import { visibleTo } from '../posts/post-access';
import { BriefList, BriefPages, BriefsAnswer } from '../profiles/brief';
import { FollowStateDto } from '../profiles/dto/profile.dto';
import { profileNotFound } from '../profiles/username-param';
import type { User } from '../users/user.entity';

/** The two lists of a profile: who follows them, and whom they follow. */
export type FollowList = 'followers' | 'following';

const LISTS: Record<FollowList, BriefList> = {
  followers: {
    subject: `SELECT id, followers_count AS total FROM users WHERE lower(username) = lower($2)`,
    edges: 'follows',
    listed: 'follower_id',
    where: 'e.followee_id = subject.id',
    hideBlocked: true,
  },
  following: {
    subject: `SELECT id, following_count AS total FROM users WHERE lower(username) = lower($2)`,
    edges: 'follows',
    listed: 'followee_id',
    where: 'e.follower_id = subject.id',
    hideBlocked: true,
  },
};

/** Adds (follow) or removes (unfollow) the viewer $1's follow of `target`, returning a row if one changed. */
const FOLLOW_SQL = {
  follow: `INSERT INTO follows (follower_id, followee_id) SELECT $1, id FROM target WHERE id <> $1 ON CONFLICT DO NOTHING RETURNING 1`,
  unfollow: `DELETE FROM follows f USING target WHERE f.follower_id = $1 AND f.followee_id = target.id RETURNING 1`,
};

@Injectable()
export class FollowsService {
  private readonly briefs: BriefPages;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReadRouting,
    private readonly bus: EventBus,
    @InjectConfig() config: AppConfig,
  ) {
    this.briefs = new BriefPages(config.secretKey);
  }

  /**
   * PUT and DELETE /profiles/{username}/follow: idempotent. One statement finds the
   * profile and writes; the primary key decides between concurrent identical follows.
   * The count is the one the statement read plus its own change. Across a block there
   * is no profile to follow (404).
   */
  async setFollow(viewer: User, username: string, followed: boolean): Promise<FollowStateDto> {
    type Row = { id: number; username: string; followers_count: number };
    let row: Row | undefined;
    try {
      [row] = await this.db.query<Row[]>(
        `WITH target AS (SELECT id, username, followers_count FROM users WHERE lower(username) = lower($2) AND ${visibleTo('$1', 'id')}),
              changed AS (${FOLLOW_SQL[followed ? 'follow' : 'unfollow']})
         SELECT id, username, followers_count ${followed ? '+' : '-'} (SELECT count(*) FROM changed)::int AS followers_count FROM target`,
        [viewer.id, username],
      );
    } catch (err) {
      // The profile was deleted between the statement's snapshot and its insert.
      if (sqlState(err) === PG_FOREIGN_KEY_VIOLATION) throw profileNotFound();
      throw err;
    }
    if (!row) throw profileNotFound();
    if (row.id === viewer.id) throw RequestValidationError.single(['path', 'username'], 'Value error, you cannot follow yourself', 'value_error');
    // The followee's "follow" notification is made or taken back with it.
    await this.bus.publish({ type: 'follows', follower: viewer.id, followee: row.id, following: followed }, { type: 'notifications', user: row.id });
    return { username: row.username, followers_count: row.followers_count, followed };
  }

  /** A page of a profile's followers or followings, newest follow first; X-Total-Count is the profile's count. */
  async list(viewer: User, username: string, which: FollowList, query: PageQueryDto): Promise<BriefsAnswer> {
    const page = await this.briefs.read(this.reads, viewer.id, LISTS[which], username, query, `/profiles/${username}/${which}`);
    if (!page) throw profileNotFound();
    return page;
  }
}
