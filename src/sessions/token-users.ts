import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { isStorableId } from '../database/database-errors';
import { ReadRouting } from '../database/read-routing';
import { User } from '../users/user.entity';
import { CachedTokenUser, SessionCache } from './session-cache';

/** The user a request's token authenticates, with the token's session (null for a token without one). */
export type AuthenticatedUser = User & { sessionId: number | null };

/** Verified claims; only `user_id` and `exp` are known to be numbers. */
export interface AccessTokenClaims {
  user_id: number;
  exp: number;
  sid?: unknown;
  iat?: unknown;
}

// Latest instant PostgreSQL's to_timestamp() is asked about: far beyond any real token.
const MAX_EPOCH_SECONDS = 1e11;

/**
 * The statement that finds a token's user if the token is still good, or null for
 * claims no row could satisfy. Exported for the benchmark's floor server, which
 * must do exactly the API's work.
 */
export function tokenUserQuery(
  { user_id: userId, sid, iat, exp }: AccessTokenClaims,
  { lifetimeSeconds, sessionDays, acceptCourseTokens = true }: { lifetimeSeconds: number; sessionDays: number; acceptCourseTokens?: boolean },
): [string, unknown[]] | null {
  if (!isStorableId(userId)) return null;
  if (sid === undefined && !acceptCourseTokens) return null;
  if (sid !== undefined) {
    if (typeof sid !== 'number' || !isStorableId(sid)) return null;
    return [
      `SELECT u.id, u.email, u.username, u.created_at FROM users u JOIN sessions s ON s.user_id = u.id
       WHERE u.id = $1 AND s.id = $2 AND s.last_used_at > now() - make_interval(days => $3)`,
      [userId, sid, sessionDays],
    ];
  }
  const issuedAt = typeof iat === 'number' ? iat : exp - lifetimeSeconds;
  if (!(issuedAt >= 0 && issuedAt <= MAX_EPOCH_SECONDS)) return null;
  return [
    `SELECT id, email, username, created_at FROM users WHERE id = $1 AND (tokens_valid_after IS NULL OR tokens_valid_after <= to_timestamp($2))`,
    [userId, issuedAt],
  ];
}

/**
 * The lookup of a token's user, run on every authenticated request: the check that
 * the token is still good rides in the same statement, so revocation costs no round trip.
 * - A token with `sid`: its session must exist, be the user's, and not have expired.
 * - A token without (the course's `{user_id, exp}`), if ACCEPT_COURSE_TOKENS allows them
 *   at all: it must not have been issued before the user's `tokens_valid_after`. Issued at
 *   `iat`, or, when there is none, at `exp` minus ACCESS_TOKEN_EXPIRE_MINUTES (the course
 *   mints exactly that lifetime). After "log out everywhere" that moment is `infinity`.
 * Plain SQL on the primary's pool (ReadRouting.onPrimary), not through TypeORM: this
 * runs for every request, and it decides access, so it never reads a replica. What it
 * finds is kept in the SessionCache, which the event channel keeps true.
 */
@Injectable()
export class TokenUsers {
  readonly lifetimeSeconds: number;
  readonly sessionDays: number;
  readonly acceptCourseTokens: boolean;

  constructor(
    private readonly reads: ReadRouting,
    private readonly cache: SessionCache,
    @InjectConfig() config: AppConfig,
  ) {
    this.lifetimeSeconds = config.accessTokenExpireMinutes * 60;
    this.sessionDays = config.refreshTokenExpireDays;
    this.acceptCourseTokens = config.acceptCourseTokens;
  }

  async find(claims: AccessTokenClaims): Promise<AuthenticatedUser | null> {
    const query = tokenUserQuery(claims, this);
    if (!query) return null;
    const sessionId = typeof claims.sid === 'number' ? claims.sid : null;
    const key = SessionCache.key(claims.user_id, claims.sid, claims.iat ?? claims.exp);
    const cached = this.cache.get(key);
    if (cached) return authenticated(cached, sessionId);
    const mark = this.cache.mark;
    const [row] = await this.reads.onPrimary.query<{ id: number; email: string; username: string; created_at: Date }[]>(...query);
    if (!row) return null;
    const user = { id: row.id, email: row.email, username: row.username, createdAt: row.created_at };
    this.cache.set(key, user, mark);
    return authenticated(user, sessionId);
  }
}

/** A User as the repository's create() makes it from these columns (a copy: a request may change its own). */
export function authenticated(user: CachedTokenUser, sessionId: number | null): AuthenticatedUser {
  return Object.assign(new User(), user, { sessionId });
}
