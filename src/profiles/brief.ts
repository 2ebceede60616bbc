import { ReadRouting } from '../database/read-routing';
import { pageHeaders, SignedCursors } from '../http/paging';
import { visibleTo } from '../posts/post-access';
import type { BriefDto } from './dto/profile.dto';

/**
 * A Brief (a user in a list) in one place: its SQL select list for the user aliased
 * `u` as seen by the viewer `$1`, its row, and its DTO; and the lists of Briefs
 * (followers, following, voters, blocks), newest first.
 */
export const briefColumns = (u = 'u', prefix = '') =>
  `${u}.id AS ${prefix}id, ${u}.username AS ${prefix}username, ${u}.display_name AS ${prefix}display_name,
   EXISTS (SELECT 1 FROM follows viewer_follows WHERE viewer_follows.follower_id = $1 AND viewer_follows.followee_id = ${u}.id) AS ${prefix}followed`;

export interface BriefRow {
  id: number;
  username: string;
  display_name: string;
  followed: boolean;
}

export const toBrief = ({ id, username, display_name, followed }: BriefRow): BriefDto => ({ id, username, display_name, followed });

/**
 * A list of Briefs: the users named by rows of `edges` (a table whose rows link a
 * subject to a listed user at a time, e.g. follows, votes, blocks) for one subject,
 * newest link first. `subject` is SQL selecting the subject's `id` and the list's
 * `total` (X-Total-Count; null for none) from $2 (no row: no such subject); `where`
 * ties an edge (aliased `e`) to it.
 */
export interface BriefList {
  subject: string;
  edges: string;
  /** The edge column of the listed user. */
  listed: string;
  where: string;
  /** Hide users across a block from the viewer (not for the viewer's own list of blocks). */
  hideBlocked: boolean;
}

export interface BriefsAnswer {
  users: BriefDto[];
  headers: Record<string, string>;
}

/**
 * Reads a page of a BriefList. The cursor is the last row's link time (microseconds
 * since 1970, exact, which a JavaScript Date is not) and user id; a page is a range of
 * an index on (subject, created_at DESC, listed DESC).
 */
export class BriefPages {
  private readonly cursors: SignedCursors;

  constructor(secretKey: string) {
    this.cursors = new SignedCursors(secretKey, 'social-api briefs cursor v1', [8, 4]);
  }

  /** The page, or null when there is no such subject. */
  async read(
    reads: ReadRouting,
    viewerId: number,
    list: BriefList,
    subject: unknown,
    { limit, cursor }: { limit: number; cursor?: string },
    path: string,
  ): Promise<BriefsAnswer | null> {
    const after = this.cursors.decodeQuery(cursor);
    const params: unknown[] = [viewerId, subject, limit + 1];
    const conditions = [list.where];
    if (list.hideBlocked) conditions.push(visibleTo('$1', `e.${list.listed}`));
    if (after) {
      conditions.push(`(e.created_at, e.${list.listed}) < (timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5)`);
      params.push(String(after[0]), after[1]);
    }
    type Row = { total: number | null } & ((BriefRow & { since: string }) | { [K in keyof BriefRow | 'since']: null });
    const rows = await reads.reader(viewerId).query<Row[]>(
      `WITH subject AS (${list.subject}),
            page AS (SELECT e.${list.listed} AS id, e.created_at FROM subject JOIN ${list.edges} e ON ${conditions.join(' AND ')}
                     ORDER BY e.created_at DESC, e.${list.listed} DESC LIMIT $3)
       SELECT subject.total, b.* FROM subject LEFT JOIN (
         SELECT ${briefColumns('u')}, (extract(epoch FROM page.created_at) * 1000000)::bigint::text AS since
         FROM page JOIN users u ON u.id = page.id) b ON true
       ORDER BY b.since::bigint DESC, b.id DESC`,
      params,
    );
    if (rows.length === 0) return null;
    const listed = rows.filter((row): row is Row & BriefRow & { since: string } => row.id !== null);
    const last = listed.length > limit ? listed[limit - 1] : undefined;
    const nextCursor = last && this.cursors.encode([BigInt(last.since), last.id]);
    return { users: listed.slice(0, limit).map(toBrief), headers: pageHeaders(path, { limit }, { total: rows[0].total ?? undefined, nextCursor }) };
  }
}
