import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadRouting } from '../database/read-routing';
import type { Viewer } from '../users/dto/user-out.dto';
import { PostOutDto } from './dto/post-out.dto';
import { acrossBlocks, changeableBy, readableBy, visibleTo, WriteTarget } from './post-access';
import { POST_OUT_SQL, PostOutRow, PostRow, toPostOut } from './post-projection';
import { SearchCounts } from './search-counts';

export interface FeedFilter {
  viewer: Viewer & { id: number };
  search: string;
  limit: number;
  /** Rows to skip (the course's paging). */
  skip?: number;
  /** Keyset paging: only posts older than this post id. */
  after?: number;
  /** A search counts at most this many matches. */
  countLimit: number;
  /**
   * The search is known to have more than countLimit published matches while
   * post_totals.removals is at most this (see SearchCounts): it is not counted again.
   */
  knownOverUntil?: string;
}

export interface FeedPage {
  posts: PostOutDto[];
  /** Matching posts; with a search, at most the filter's countLimit. */
  total: number;
  /** The search has more matches than `total`. */
  totalCapped: boolean;
  /** When there is a next page: the id of this page's last post, where the next one continues. */
  nextAfter?: number;
  /** A search was counted (not answered from what was known of it). */
  searchCounted: boolean;
  /** A search just counted past countLimit in published posts alone: it stays past it while post_totals.removals is at most this. */
  overUntil?: string;
}

/**
 * What the feed statement counted: the matches (null when a search was known to be
 * past the limit and not counted), and for a search, the published ones among them
 * and post_totals.removals as the statement saw it.
 */
interface FeedCount {
  total: number | null;
  published_matches: number | null;
  removals: string | null;
}

/** A row of the feed statement: the count, and a post of the page (all null if the page is empty). */
export type FeedRow = FeedCount & (PostOutRow | { [K in keyof PostOutRow]: null });

/**
 * How far past countLimit a search counts: a search found this many published
 * matches to spare stays known to be past the limit through as many removals.
 */
export const searchCountSlack = (countLimit: number) => Math.ceil(countLimit / 10);

export type PostChanges = Partial<Pick<PostRow, 'title' | 'content' | 'published'>>;

/** A write on a post that only its owner may make: the post as written, or what the refusal needs. */
export interface OwnedWrite {
  written?: PostRow;
  target?: WriteTarget;
}

/**
 * The feed in one statement: the page (one row more than asked for, to tell
 * whether a next page exists) and the number of matches, each at a cost that does
 * not grow with the tables. The unfiltered count is counters kept by triggers
 * (published posts, plus the viewer's drafts, less the published posts of the users
 * across a block from the viewer: one lookup per block); a search stops counting one past
 * `countLimit`. Exported for the benchmark's floor server, which must do exactly
 * the API's work.
 */
export function feedQuery({ viewer, search, limit, skip = 0, after, countLimit, knownOverUntil }: FeedFilter): [string, unknown[]] {
  const params: unknown[] = [viewer.id];
  const param = (value: unknown) => `$${params.push(value)}`;
  let matching = readableBy('$1');
  if (search !== '') matching += ` AND p.title ILIKE ${param(`%${escapeLike(search)}%`)}`;
  // A search's matches are a MATERIALIZED CTE so that they are planned for reading
  // them all (the trigram index, or for a very common word the table), not for the
  // first countLimit + 1: with that LIMIT in view the planner costs a table scan as
  // stopping early and takes it for a common word, though testing ILIKE on the
  // ~80,000 rows it reads before the 10,001st match costs twice the trigram bitmap
  // (see docs/performance.md). A CTE is read lazily, so the count
  // still stops where the LIMIT says. A search known to be past the limit is not
  // counted at all: CASE evaluates the counting subquery (an InitPlan) only when it
  // takes that branch. OFFSET 0 keeps the planner from copying the CASE into each
  // column that reads it, which would count twice.
  const matches = search === '' ? '' : `matches AS MATERIALIZED (SELECT p.published FROM posts p WHERE ${matching}), `;
  const counted = () => `SELECT ARRAY[count(*), count(*) FILTER (WHERE m.published)]::int[]
                   FROM (SELECT published FROM matches LIMIT ${param(countLimit + 1 + searchCountSlack(countLimit))}) m`;
  const total =
    search === ''
      ? `SELECT (SELECT published FROM post_totals) + coalesce((SELECT drafts_count FROM users WHERE id = $1), 0)
                - coalesce((SELECT sum((SELECT posts_count FROM users WHERE id = b.blocked)) FROM (SELECT DISTINCT blocked FROM (${acrossBlocks('$1')}) x) b), 0)::int AS total,
                NULL::int AS published_matches, NULL::text AS removals`
      : `SELECT c.counted[1] AS total, c.counted[2] AS published_matches, c.removals::text AS removals
         FROM (SELECT removals, CASE WHEN removals <= ${param(knownOverUntil ?? '-1')}::bigint THEN NULL ELSE (${counted()}) END AS counted
               FROM post_totals OFFSET 0) c`;
  const older = after === undefined ? '' : ` AND p.id < ${param(after)}`;
  const page = `SELECT p.id FROM posts p WHERE ${matching}${older} ORDER BY p.id DESC LIMIT ${param(limit + 1)} OFFSET ${param(skip)}`;
  return [
    `WITH ${matches}page AS (${page})
     SELECT total.*, rows.* FROM (${total}) total LEFT JOIN (${POST_OUT_SQL}) rows ON true
     ORDER BY rows.id DESC`,
    params,
  ];
}

/** The feed statement's rows as a page. */
export function feedPageOf(rows: FeedRow[], { viewer, limit, search, countLimit }: FeedFilter): FeedPage {
  const { total, published_matches: published, removals } = rows[0];
  const posts = rows.filter((row): row is FeedCount & PostOutRow => row.id !== null).map((row) => toPostOut(row, viewer));
  const totalCapped = search !== '' && (total === null || total > countLimit);
  const page: FeedPage = {
    posts: posts.slice(0, limit),
    total: totalCapped ? countLimit : (total as number),
    totalCapped,
    searchCounted: search !== '' && total !== null,
  };
  if (posts.length > limit) page.nextAfter = posts[limit - 1].Post.id;
  if (published !== null && removals !== null && published > countLimit) page.overUntil = String(BigInt(removals) + BigInt(published - countLimit - 1));
  return page;
}

/**
 * The feed page through `run` (a pool's or a DataSource's query), counting a search
 * only when `searchCounts` does not already know it is past the limit. Exported for
 * the benchmark's references, which must do exactly the API's work.
 */
export async function readFeedPage(
  run: (sql: string, params: unknown[]) => Promise<FeedRow[]>,
  filter: Omit<FeedFilter, 'knownOverUntil'>,
  searchCounts: SearchCounts,
): Promise<FeedPage> {
  const known = { ...filter, knownOverUntil: filter.search === '' ? undefined : searchCounts.overUntil(filter.search) };
  const page = feedPageOf(await run(...feedQuery(known)), known);
  if (page.searchCounted) searchCounts.record(filter.search, page.overUntil);
  return page;
}

/** A page of a list of posts newest first, other than the feed. */
export interface PostPage {
  posts: PostOutDto[];
  /** When there is a next page: the id of this page's last post, where the next one continues. */
  nextAfter?: number;
}

/** `rows`, up to one more than `limit` (which tells that a next page exists), as a page. */
export function postPageOf(rows: PostOutRow[], viewer: Viewer, limit: number): PostPage {
  const posts = rows.slice(0, limit).map((row) => toPostOut(row, viewer));
  return rows.length > limit ? { posts, nextAfter: posts[limit - 1].Post.id } : { posts };
}

/**
 * An author's posts for the viewer $1 (drafts only to the author), newest first, and
 * their number (published posts, plus drafts for the author; none across a block): no
 * row when no user has the username. The page is a range of posts_owner_feed_idx.
 */
export function authorPostsQuery(viewerId: number, username: string, limit: number, after?: number): [string, unknown[]] {
  const older = after === undefined ? '' : ' AND p.id < $4';
  return [
    `WITH author AS (SELECT u.id, CASE WHEN u.id = $1 THEN u.posts_count + u.drafts_count WHEN ${visibleTo('$1', 'u.id')} THEN u.posts_count ELSE 0 END AS total
                     FROM users u WHERE lower(u.username) = lower($2)),
          page AS (SELECT p.id FROM author a JOIN posts p ON p.owner_id = a.id WHERE ${readableBy('$1')}${older}
                   ORDER BY p.id DESC LIMIT $3)
     SELECT author.total, rows.* FROM author LEFT JOIN (${POST_OUT_SQL}) rows ON true ORDER BY rows.id DESC`,
    after === undefined ? [viewerId, username, limit + 1] : [viewerId, username, limit + 1, after],
  ];
}

/** One post for a viewer, with owner and vote count; no row if the viewer may not read it. */
export function readablePostQuery(id: number, viewerId: number): [string, unknown[]] {
  return [`WITH page AS (SELECT p.id FROM posts p WHERE p.id = $2 AND ${readableBy('$1')}) ${POST_OUT_SQL}`, [viewerId, id]];
}

/**
 * The columns a client may change, by DTO field. Names are spliced into SQL, so
 * only these ever are.
 */
const CHANGEABLE_COLUMNS: Record<keyof PostChanges, string> = { title: 'title', content: 'content', published: 'published' };

/**
 * Posts as readers see them (with owner and vote count, drafts only to their
 * owner), and the writes only an owner may make. The feed's page is chosen from
 * post ids alone (posts_feed_idx, newest first; a cursor starts the index scan
 * at its post, so every page costs the same); only then are its rows joined to
 * their owners. Vote counts are read from posts.votes_count, kept by triggers.
 */
@Injectable()
export class PostsRepository {
  private readonly searchCounts = new SearchCounts();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReadRouting,
  ) {}

  findFeedPage(filter: FeedFilter): Promise<FeedPage> {
    const reader = this.reads.reader(filter.viewer.id);
    return readFeedPage((sql, params) => reader.query<FeedRow[]>(sql, params), filter, this.searchCounts);
  }

  async findReadableById(id: number, viewer: Viewer & { id: number }): Promise<PostOutDto | null> {
    const [row] = await this.reads.reader(viewer.id).query<PostOutRow[]>(...readablePostQuery(id, viewer.id));
    return row ? toPostOut(row, viewer) : null;
  }

  /** An author's page of posts and their number, or null when no user has the username. */
  async findAuthorPage(viewer: Viewer & { id: number }, username: string, limit: number, after?: number): Promise<(PostPage & { total: number }) | null> {
    type Row = { total: number } & (PostOutRow | { [K in keyof PostOutRow]: null });
    const rows = await this.reads.reader(viewer.id).query<Row[]>(...authorPostsQuery(viewer.id, username, limit, after));
    if (rows.length === 0) return null;
    const posts = rows.filter((row): row is { total: number } & PostOutRow => row.id !== null);
    return { ...postPageOf(posts, viewer, limit), total: rows[0].total };
  }

  async insert(ownerId: number, post: Pick<PostRow, 'title' | 'content' | 'published'>): Promise<PostRow> {
    const [row] = await this.db.query<PostRow[]>(`INSERT INTO posts (title, content, published, owner_id) VALUES ($1, $2, $3, $4) RETURNING *`, [
      post.title,
      post.content,
      post.published,
      ownerId,
    ]);
    return row;
  }

  /** Applies `changes` if the editor owns the post, in one statement that also reads what a refusal needs. */
  updateOwned(id: number, editorId: number, changes: PostChanges): Promise<OwnedWrite> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof PostChanges, unknown][];
    const write =
      entries.length === 0
        ? `SELECT p.* FROM posts p JOIN target USING (id) WHERE ${changeableBy('$2')}`
        : `UPDATE posts p SET ${entries.map(([field], i) => `${CHANGEABLE_COLUMNS[field]} = $${i + 3}`).join(', ')}
           FROM target WHERE p.id = target.id AND ${changeableBy('$2')} RETURNING p.*`;
    return this.ownedWrite(write, [id, editorId, ...entries.map(([, value]) => value)]);
  }

  /** Deletes the post (and, by cascade, its votes) if the editor owns it. */
  deleteOwned(id: number, editorId: number): Promise<OwnedWrite> {
    return this.ownedWrite(`DELETE FROM posts p USING target WHERE p.id = target.id AND ${changeableBy('$2')} RETURNING p.*`, [id, editorId]);
  }

  /** `write` reads `target` (the post $1) and returns the written post; the statement returns both. */
  private async ownedWrite(write: string, params: unknown[]): Promise<OwnedWrite> {
    type Row = { target_owner_id: number; target_published: boolean } & ({ [K in keyof PostRow]: PostRow[K] } | { [K in keyof PostRow]: null });
    const [row] = await this.db.query<Row[]>(
      `WITH target AS (SELECT p.id, p.owner_id, p.published FROM posts p WHERE p.id = $1),
            written AS (${write})
       SELECT target.owner_id AS target_owner_id, target.published AS target_published, written.*
       FROM target LEFT JOIN written ON true`,
      params,
    );
    if (!row) return {};
    const { target_owner_id, target_published, ...written } = row;
    return { target: { owner_id: target_owner_id, published: target_published }, written: written.id === null ? undefined : written };
  }
}

/** `%` and `_` in a search term match themselves. */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, '\\$&');
}
