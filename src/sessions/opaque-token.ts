import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: nothing to guess, so a fast hash (SHA-256) is enough to store them. */
export const randomToken = () => randomBytes(32).toString('base64url');

export const sha256 = (text: string) => createHash('sha256').update(text).digest();

const PART = /^[A-Za-z0-9_-]{43}$/;

/** The shape randomToken() gives: anything else was not issued here, and costs no query. */
export const isRandomToken = (text: string): boolean => PART.test(text);

/** A refresh token: `<family>.<secret>` (see Session). */
export interface RefreshToken {
  family: string;
  secret: string;
}

export const formatRefreshToken = ({ family, secret }: RefreshToken) => `${family}.${secret}`;

/** undefined for anything that is not the shape we issue. */
export function parseRefreshToken(token: string): RefreshToken | undefined {
  const [family, secret, extra] = token.split('.');
  if (extra !== undefined || !isRandomToken(family ?? '') || !isRandomToken(secret ?? '')) return undefined;
  return { family, secret };
}
