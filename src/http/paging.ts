import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { RequestValidationError } from './request-validation.error';

// 128 bits of HMAC-SHA256: forging one is out of reach, and a cursor stays short.
const MAC_BYTES = 16;

/**
 * Keyset cursors: the sort key of the last row of a page (integers of 4 or 8 bytes),
 * with an HMAC so that a client can neither read a meaning into one nor make one up
 * (a forged cursor would otherwise be a cheap way to probe ids). Each kind of list has
 * its own key, derived from SECRET_KEY for that use only, so a cursor of one list is
 * refused by another and is never also a valid signature of anything else; changing
 * SECRET_KEY invalidates the cursors handed out before.
 */
export class SignedCursors {
  private readonly key: Buffer;
  private readonly size: number;

  /** `purpose` names the key; `widths` are the byte widths of the values, in order. */
  constructor(
    secretKey: string,
    purpose: string,
    private readonly widths: readonly (4 | 8)[],
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), purpose, 32));
    this.size = widths.reduce((n, w) => n + w, 0);
  }

  encode(values: readonly (number | bigint)[]): string {
    const bytes = Buffer.alloc(this.size);
    let at = 0;
    this.widths.forEach((width, i) => {
      if (width === 4) bytes.writeUInt32BE(Number(values[i]), at);
      else bytes.writeBigInt64BE(BigInt(values[i]), at);
      at += width;
    });
    return Buffer.concat([bytes, this.mac(bytes)]).toString('base64url');
  }

  /** The values the cursor holds (8-byte ones as bigint), or undefined if this key did not make it. */
  decode(cursor: string): (number | bigint)[] | undefined {
    const bytes = Buffer.from(cursor, 'base64url');
    // Node's base64url decoder skips stray characters; only the exact encoding is accepted.
    if (bytes.length !== this.size + MAC_BYTES || bytes.toString('base64url') !== cursor) return undefined;
    const values = bytes.subarray(0, this.size);
    if (!timingSafeEqual(bytes.subarray(this.size), this.mac(values))) return undefined;
    let at = 0;
    return this.widths.map((width) => {
      const value = width === 4 ? values.readUInt32BE(at) : values.readBigInt64BE(at);
      at += width;
      return value;
    });
  }

  /** Like decode, for a `cursor` query parameter: a cursor this key did not make is a 422. */
  decodeQuery(cursor: string | undefined): (number | bigint)[] | undefined {
    if (cursor === undefined) return undefined;
    const values = this.decode(cursor);
    if (values === undefined) throw RequestValidationError.single(['query', 'cursor'], 'Value error, invalid cursor', 'value_error');
    return values;
  }

  private mac(values: Buffer): Buffer {
    return createHmac('sha256', this.key).update(values).digest().subarray(0, MAC_BYTES);
  }
}

/** What a list answer says of itself besides its rows. */
export interface PageMeta {
  /** Rows in the whole list (X-Total-Count), where the list counts them. */
  total?: number;
  /** The list has more rows than `total` says. */
  totalCapped?: boolean;
  /** When there is a next page: the cursor that continues after this one. */
  nextCursor?: string;
}

/**
 * A list's response headers: the number of rows, and, when there is a next page,
 * where it is (RFC 8288 `Link` for generic clients, `X-Next-Cursor` for those that
 * build their own URLs). The link keeps the page's limit, then the cursor, then the
 * query's other parameters (empty ones left out): `</posts?limit=10&cursor=..&search=..>`.
 */
export function pageHeaders(
  path: string,
  { limit, ...others }: { limit: number } & Record<string, string | number | undefined>,
  page: PageMeta,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (page.total !== undefined) headers['X-Total-Count'] = String(page.total);
  if (page.totalCapped) headers['X-Total-Count-Capped'] = 'true';
  if (page.nextCursor !== undefined) {
    const params = Object.entries({ limit, cursor: page.nextCursor, ...others })
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
    headers['Link'] = `<${path}?${params.join('&')}>; rel="next"`;
    headers['X-Next-Cursor'] = page.nextCursor;
  }
  return headers;
}

/** The OpenAPI description of the headers that lead to a list's next page. */
export const NEXT_PAGE_HEADERS = {
  Link: { schema: { type: 'string' }, description: 'When there is a next page: `<path?limit=..&cursor=..>; rel="next"`' },
  'X-Next-Cursor': { schema: { type: 'string' }, description: "When there is a next page: the `cursor` that continues after this page's last row" },
} as const;

/** The OpenAPI description of a list's exact count. */
export const TOTAL_COUNT_HEADER = {
  'X-Total-Count': { schema: { type: 'integer' }, description: 'Rows in the whole list' },
} as const;

export function sendHeaders(res: Response, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
