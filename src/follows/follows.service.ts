import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { PG_FOREIGN_KEY_VIOLATION, sqlState } from '../database/database-errors';
import { ReadRouting } from '../database/read-routing';
import { PageQueryDto } from '../http/page-query.dto';
import { pageHeaders, SignedCursors } from '../http/paging';
import { RequestValidationError } from '../http/request-validation.error';
import { BriefRow, briefColumns, toBrief } from '../profiles/brief';
import { BriefDto, FollowStateDto } from '../profiles/dto/profile.dto';
import { profileNotFound } from '../profiles/username-param';
import type { User } from '../users/user.entity';

/** The two lists of a profile: who follows them, and whom they follow. */
export type FollowList = 'followers' | 'following';

/** For each list: the column naming the profile, the column naming the listed user, and the profile's count of them. */
const LISTS: Record<FollowList, { profile: string; listed: string; count: string }> = {
  followers: { profile: 'followee_id', listed: 'follower_id', count: 'followers_count' },
  following: { profile: 'follower_id', listed: 'followee_id', count: 'following_count' },
};

/** Adds (follow) or removes (unfollow) the viewer $1's follow of `target`, returning a row if one changed. */
const FOLLOW_SQL = {
  follow: `INSERT INTO follows (follower_id, followee_id) SELECT $1, id FROM target WHERE id <> $1 ON CONFLICT DO NOTHING RETURNING 1`,
  unfollow: `DELETE FROM follows f USING target WHERE f.follower_id = $1 AND f.followee_id = target.id RETURNING 1`,
};

export interface BriefsAnswer {
  users: BriefDto[];
  headers: Record<string, string>;
}

@Injectable()
export class FollowsService {
  /** A list's cursor: the last row's follow time (microseconds since 1970) and user id. */
  private readonly cursors: SignedCursors;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReadRouting,
    @InjectConfig() config: AppConfig,
  ) {
    this.cursors = new SignedCursors(config.secretKey, 'social-api follows cursor v1', [8, 4]);
  }

  /**
   * PUT and DELETE /profiles/{username}/follow: idempotent. One statement finds the
   * profile and writes; the primary key decides between concurrent identical follows.
   * The count is the one the statement read plus its own change.
   */
  async setFollow(viewer: User, username: string, followed: boolean): Promise<FollowStateDto> {
    type Row = { id: number; username: string; followers_count: number };
    let row: Row | undefined;
    try {
      [row] = await this.db.query<Row[]>(
        `WITH target AS (SELECT id, username, followers_count FROM users WHERE lower(username) = lower($2)),
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
    return { username: row.username, followers_count: row.followers_count, followed };
  }

  /** A page of a profile's followers or followings, newest follow first; X-Total-Count is the profile's count. */
  async list(viewer: User, username: string, which: FollowList, { limit, cursor }: PageQueryDto): Promise<BriefsAnswer> {
    const { profile, listed, count } = LISTS[which];
    const after = this.cursors.decodeQuery(cursor);
    const params: unknown[] = [viewer.id, username, limit + 1];
    const older = after === undefined ? '' : `AND (f.created_at, f.${listed}) < (timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5)`;
    if (after) params.push(String(after[0]), after[1]);
    type Row = { total: number } & ((BriefRow & { since: string }) | { [K in keyof BriefRow | 'since']: null });
    const rows = await this.reads.reader(viewer.id).query<Row[]>(
      `WITH target AS (SELECT id, ${count} AS total FROM users WHERE lower(username) = lower($2)),
            page AS (SELECT f.${listed} AS id, f.created_at FROM target JOIN follows f ON f.${profile} = target.id ${older}
                     ORDER BY f.created_at DESC, f.${listed} DESC LIMIT $3)
       SELECT target.total, b.* FROM target LEFT JOIN (
         SELECT ${briefColumns('u')}, (extract(epoch FROM page.created_at) * 1000000)::bigint::text AS since
         FROM page JOIN users u ON u.id = page.id) b ON true
       ORDER BY b.since::bigint DESC, b.id DESC`,
      params,
    );
    if (rows.length === 0) throw profileNotFound();
    const listedRows = rows.filter((row): row is { total: number } & BriefRow & { since: string } => row.id !== null);
    const last = listedRows.length > limit ? listedRows[limit - 1] : undefined;
    const nextCursor = last && this.cursors.encode([BigInt(last.since), last.id]);
    return {
      users: listedRows.slice(0, limit).map(toBrief),
      headers: pageHeaders(`/profiles/${username}/${which}`, { limit }, { total: rows[0].total, nextCursor }),
    };
  }
}
