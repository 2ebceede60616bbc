import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadRouting } from '../database/read-routing';
import type { User } from '../users/user.entity';
import { PostDto, PostOutDto } from './dto/post-out.dto';
import { changeableBy, readableBy, WriteTarget } from './post-access';
import { SearchCounts } from './search-counts';

export interface FeedFilter {
  viewerId: number;
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

/** A post's columns as SQL returns them. */
export interface PostRow {
  id: number;
  title: string;
  content: string;
  published: boolean;
  created_at: Date;
  owner_id: number;
}

/** A post with its owner and vote count, as the feed's SQL returns it. */
export interface PostOutRow extends PostRow {
  owner_email: string;
  owner_created_at: Date;
  votes: number;
  voted: boolean;
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
 * Owner, vote count and whether the viewer $1 voted, for the posts of `page` (a
 * relation of post ids); the viewer's vote is one probe of the votes primary key.
 */
const WITH_OWNER_AND_VOTES = `
  SELECT p.id, p.title, p.content, p.published, p.created_at, p.owner_id,
         u.email AS owner_email, u.created_at AS owner_created_at, p.votes_count AS votes,
         EXISTS (SELECT 1 FROM votes v WHERE v.user_id = $1 AND v.post_id = p.id) AS voted
  FROM page
  JOIN posts p ON p.id = page.id
  JOIN users u ON u.id = p.owner_id`;

/**
 * The feed in one statement: the page (one row more than asked for, to tell
 * whether a next page exists) and the number of matches, each at a cost that does
 * not grow with the tables. The unfiltered count is two counters kept by triggers
 * (published posts, and the viewer's drafts); a search stops counting one past
 * `countLimit`. Exported for the benchmark's floor server, which must do exactly
 * the API's work.
 */
export function feedQuery({ viewerId, search, limit, skip = 0, after, countLimit, knownOverUntil }: FeedFilter): [string, unknown[]] {
  const params: unknown[] = [viewerId];
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
      ? `SELECT (SELECT published FROM post_totals) + coalesce((SELECT drafts_count FROM users WHERE id = $1), 0) AS total,
                NULL::int AS published_matches, NULL::text AS removals`
      : `SELECT c.counted[1] AS total, c.counted[2] AS published_matches, c.removals::text AS removals
         FROM (SELECT removals, CASE WHEN removals <= ${param(knownOverUntil ?? '-1')}::bigint THEN NULL ELSE (${counted()}) END AS counted
               FROM post_totals OFFSET 0) c`;
  const older = after === undefined ? '' : ` AND p.id < ${param(after)}`;
  const page = `SELECT p.id FROM posts p WHERE ${matching}${older} ORDER BY p.id DESC LIMIT ${param(limit + 1)} OFFSET ${param(skip)}`;
  return [
    `WITH ${matches}page AS (${page})
     SELECT total.*, rows.* FROM (${total}) total LEFT JOIN (${WITH_OWNER_AND_VOTES}) rows ON true
     ORDER BY rows.id DESC`,
    params,
  ];
}

/** The feed statement's rows as a page. */
export function feedPageOf(rows: FeedRow[], { limit, search, countLimit }: FeedFilter): FeedPage {
  const { total, published_matches: published, removals } = rows[0];
  const posts = rows.filter((row): row is FeedCount & PostOutRow => row.id !== null).map(toPostOut);
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

/** One post for a viewer, with owner and vote count; no row if the viewer may not read it. */
export function readablePostQuery(id: number, viewerId: number): [string, unknown[]] {
  return [`WITH page AS (SELECT p.id FROM posts p WHERE p.id = $2 AND ${readableBy('$1')}) ${WITH_OWNER_AND_VOTES}`, [viewerId, id]];
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
    const reader = this.reads.reader(filter.viewerId);
    return readFeedPage((sql, params) => reader.query<FeedRow[]>(sql, params), filter, this.searchCounts);
  }

  async findReadableById(id: number, viewerId: number): Promise<PostOutDto | null> {
    const [row] = await this.reads.reader(viewerId).query<PostOutRow[]>(...readablePostQuery(id, viewerId));
    return row ? toPostOut(row) : null;
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

export function toPostOut(row: PostOutRow): PostOutDto {
  const owner = { id: row.owner_id, email: row.owner_email, createdAt: row.owner_created_at };
  return { Post: toPostDto(row, owner), votes: row.votes, voted: row.voted };
}

export function toPostDto(row: PostRow, owner: Pick<User, 'id' | 'email' | 'createdAt'>): PostDto {
  return PostDto.from({ id: row.id, title: row.title, content: row.content, published: row.published, createdAt: row.created_at, ownerId: row.owner_id }, owner);
}
