import { pageHeaders, SignedCursors } from '../http/paging';

/**
 * Cursors of lists of posts (the feed, an author's posts, the timeline): the id of the
 * last post of a page, newest first.
 */
export class FeedCursors {
  private readonly cursors: SignedCursors;

  constructor(secretKey: string) {
    this.cursors = new SignedCursors(secretKey, 'social-api feed cursor v1', [4]);
  }

  encode(lastId: number): string {
    return this.cursors.encode([lastId]);
  }

  /** The post id the cursor continues after, or undefined if this key did not make the cursor. */
  decode(cursor: string): number | undefined {
    return this.cursors.decode(cursor)?.[0] as number | undefined;
  }

  /** Like decode, for the `cursor` query parameter: a cursor this key did not make is a 422. */
  decodeQuery(cursor: string | undefined): number | undefined {
    return this.cursors.decodeQuery(cursor)?.[0] as number | undefined;
  }
}

/** The feed's response headers; the link keeps the page's limit and search. */
export function feedHeaders(
  page: { total: number; totalCapped: boolean; nextAfter?: number },
  query: { limit: number; search: string },
  cursors: FeedCursors,
): Record<string, string> {
  const nextCursor = page.nextAfter === undefined ? undefined : cursors.encode(page.nextAfter);
  return pageHeaders('/posts', { limit: query.limit, search: query.search }, { total: page.total, totalCapped: page.totalCapped, nextCursor });
}
