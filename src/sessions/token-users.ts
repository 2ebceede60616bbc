import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { isStorableId } from '../database/database-errors';
import { User } from '../users/user.entity';

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
 * The lookup of a token's user, run on every authenticated request: the check that
 * the token is still good rides in the same statement, so revocation costs no round trip.
 * - A token with `sid`: its session must exist, be the user's, and not have expired.
 * - A token without (the course's `{user_id, exp}`): it must not have been issued before
 *   the user's `tokens_valid_after`. Issued at `iat`, or, when there is none, at `exp`
 *   minus ACCESS_TOKEN_EXPIRE_MINUTES (the course mints exactly that lifetime).
 * Plain SQL, not TypeORM's query building: this runs for every request.
 */
@Injectable()
export class TokenUsers {
  private readonly lifetimeSeconds: number;
  private readonly sessionDays: number;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectConfig() config: AppConfig,
  ) {
    this.lifetimeSeconds = config.accessTokenExpireMinutes * 60;
    this.sessionDays = config.refreshTokenExpireDays;
  }

  async find(claims: AccessTokenClaims): Promise<AuthenticatedUser | null> {
    const { user_id: userId, sid, iat, exp } = claims;
    if (!isStorableId(userId)) return null;
    let rows: { id: number; email: string; created_at: Date }[];
    if (sid !== undefined) {
      if (typeof sid !== 'number' || !isStorableId(sid)) return null;
      rows = await this.users.query(
        `SELECT u.id, u.email, u.created_at FROM users u JOIN sessions s ON s.user_id = u.id
         WHERE u.id = $1 AND s.id = $2 AND s.last_used_at > now() - make_interval(days => $3)`,
        [userId, sid, this.sessionDays],
      );
    } else {
      const issuedAt = typeof iat === 'number' ? iat : exp - this.lifetimeSeconds;
      if (!(issuedAt >= 0 && issuedAt <= MAX_EPOCH_SECONDS)) return null;
      rows = await this.users.query(
        `SELECT id, email, created_at FROM users WHERE id = $1 AND (tokens_valid_after IS NULL OR tokens_valid_after <= to_timestamp($2))`,
        [userId, issuedAt],
      );
    }
    const [row] = rows;
    if (!row) return null;
    const user = this.users.create({ id: row.id, email: row.email, createdAt: row.created_at });
    return Object.assign(user, { sessionId: typeof sid === 'number' ? sid : null });
  }
}
