import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const ID_BYTES = 4;
// 128 bits of HMAC-SHA256: forging one is out of reach, and the cursor stays short (27 characters).
const MAC_BYTES = 16;

/**
 * The feed's keyset cursors: the id of the last post of a page, with an HMAC so
 * that a client can neither read a meaning into it nor make one up (a forged
 * cursor would otherwise be a cheap way to probe ids). The key is derived from
 * SECRET_KEY for this use only, so a cursor is never also a valid signature of
 * anything else; changing SECRET_KEY invalidates the cursors handed out before.
 */
export class FeedCursors {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'social-api feed cursor v1', 32));
  }

  encode(lastId: number): string {
    const id = Buffer.alloc(ID_BYTES);
    id.writeUInt32BE(lastId);
    return Buffer.concat([id, this.mac(id)]).toString('base64url');
  }

  /** The post id the cursor continues after, or undefined if this key did not make the cursor. */
  decode(cursor: string): number | undefined {
    const bytes = Buffer.from(cursor, 'base64url');
    // Node's base64url decoder skips stray characters; only the exact encoding is accepted.
    if (bytes.length !== ID_BYTES + MAC_BYTES || bytes.toString('base64url') !== cursor) return undefined;
    const id = bytes.subarray(0, ID_BYTES);
    if (!timingSafeEqual(bytes.subarray(ID_BYTES), this.mac(id))) return undefined;
    return id.readUInt32BE();
  }

  private mac(id: Buffer): Buffer {
    return createHmac('sha256', this.key).update(id).digest().subarray(0, MAC_BYTES);
  }
}

/**
 * The feed's response headers: the number of matches, and, when there is a next
 * page, where it is (RFC 8288 `Link` for generic clients, `X-Next-Cursor` for
 * those that build their own URLs). The link keeps the page's limit and search.
 */
export function feedHeaders(
  page: { total: number; totalCapped: boolean; nextAfter?: number },
  query: { limit: number; search: string },
  cursors: FeedCursors,
): Record<string, string> {
  const headers: Record<string, string> = { 'X-Total-Count': String(page.total) };
  if (page.totalCapped) headers['X-Total-Count-Capped'] = 'true';
  if (page.nextAfter !== undefined) {
    const cursor = cursors.encode(page.nextAfter);
    const search = query.search === '' ? '' : `&search=${encodeURIComponent(query.search)}`;
    headers['Link'] = `</posts?limit=${query.limit}&cursor=${cursor}${search}>; rel="next"`;
    headers['X-Next-Cursor'] = cursor;
  }
  return headers;
}
