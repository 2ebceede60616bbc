import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessTokens } from '../auth/access-tokens';
import { TokenDto } from '../auth/dto/token.dto';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EventBus } from '../events/event-bus';
import { isStorableId } from '../database/database-errors';
import { rowsOf } from '../database/rows';
import { SessionOut } from './dto/session-out.dto';
import { formatRefreshToken, parseRefreshToken, randomToken, sha256 } from './opaque-token';
import { RefreshThrottle } from './refresh-throttle';

const USER_AGENT_MAX = 512;

/**
 * The new `users.tokens_valid_after` when tokens without a session issued until now are
 * refused (a log-out with one, a password change or reset): now, unless "log out
 * everywhere" already refused them all (`infinity`). GREATEST skips a NULL.
 */
export const REFUSE_COURSE_TOKENS_ISSUED_UNTIL_NOW = 'GREATEST(tokens_valid_after, now())';

/** Sessions: opened by a login, kept alive by refreshes, ended by log-out or reuse of a rotated token. */
@Injectable()
export class SessionsService {
  private readonly days: number;
  private readonly perUser: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: AccessTokens,
    private readonly throttle: RefreshThrottle,
    private readonly bus: EventBus,
    @InjectConfig() config: AppConfig,
  ) {
    this.days = config.refreshTokenExpireDays;
    this.perUser = config.sessionsPerUser;
  }

  /**
   * A new session for a user who just proved the password; the user's expired sessions
   * are swept away, and past SESSIONS_PER_USER the ones used longest ago end (a session
   * in daily use is not ended for being old). The cap is a second statement, so that it
   * sees the sessions concurrent logins have committed meanwhile: once they are all
   * done, the user has at most the cap.
   */
  async open(userId: number, userAgent: string | undefined): Promise<TokenDto> {
    const family = randomToken();
    const secret = randomToken();
    const [row] = await rowsOf<{ id: number }>(
      this.db,
      `WITH expired AS (DELETE FROM sessions WHERE user_id = $1 AND last_used_at <= now() - make_interval(days => $5))
       INSERT INTO sessions (user_id, family_hash, secret_hash, user_agent) VALUES ($1, $2, $3, $4) RETURNING id`,
      [userId, sha256(family), sha256(secret), cleanUserAgent(userAgent), this.days],
    );
    const capped = await rowsOf<{ id: number }>(
      this.db,
      `DELETE FROM sessions WHERE user_id = $1 AND id NOT IN
         (SELECT id FROM sessions WHERE user_id = $1 ORDER BY last_used_at DESC, id DESC LIMIT $2) RETURNING id`,
      [userId, this.perUser],
    );
    await this.ended(userId, capped.map((s) => s.id));
    return this.answer(userId, row.id, formatRefreshToken({ family, secret }));
  }

  /**
   * Rotation in one conditional UPDATE: of two requests with the same token, the row lock
   * lets one through and the other finds the secret changed. A token of a known session
   * whose secret is not the current one was used before: the whole session ends.
   */
  async refresh(token: string, client: string): Promise<TokenDto> {
    await this.throttle.reserve(client);
    const presented = parseRefreshToken(token);
    if (!presented) throw invalidRefreshToken();
    const familyHash = sha256(presented.family);
    const secret = randomToken();
    const [row] = await rowsOf<{ id: number; user_id: number }>(
      this.db,
      `UPDATE sessions SET secret_hash = $3, last_used_at = now()
       WHERE family_hash = $1 AND secret_hash = $2 AND last_used_at > now() - make_interval(days => $4)
       RETURNING id, user_id`,
      [familyHash, sha256(presented.secret), sha256(secret), this.days],
    );
    if (!row) {
      // Replayed or expired: either way the session is over.
      const [replayed] = await rowsOf<{ id: number; user_id: number }>(this.db, 'DELETE FROM sessions WHERE family_hash = $1 RETURNING id, user_id', [familyHash]);
      if (replayed) await this.ended(replayed.user_id, [replayed.id]);
      throw invalidRefreshToken();
    }
    await this.throttle.succeeded(client);
    return this.answer(row.user_id, row.id, formatRefreshToken({ family: presented.family, secret }));
  }

  async list(userId: number, currentId: number | null): Promise<SessionOut[]> {
    const rows = await rowsOf<{ id: number; created_at: Date; last_used_at: Date; user_agent: string | null }>(
      this.db,
      `SELECT id, created_at, last_used_at, user_agent FROM sessions
       WHERE user_id = $1 AND last_used_at > now() - make_interval(days => $2)
       ORDER BY created_at DESC, id DESC`,
      [userId, this.days],
    );
    return rows.map((row) => SessionOut.from(row, currentId));
  }

  async end(userId: number, sessionId: number): Promise<void> {
    const ended = isStorableId(sessionId)
      ? await rowsOf(this.db, 'DELETE FROM sessions WHERE id = $1 AND user_id = $2 RETURNING id', [sessionId, userId])
      : [];
    if (ended.length === 0) throw new NotFoundException(`Session with id: ${sessionId} does not exist`);
    await this.ended(userId, [sessionId]);
  }

  /**
   * Log-out. A token without a session (the course's kind) cannot be told apart from
   * the user's other such tokens, so logging out with one ends all of them.
   */
  async endCurrent(userId: number, sessionId: number | null): Promise<void> {
    if (sessionId !== null) await this.db.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [sessionId, userId]);
    else await this.db.query(`UPDATE users SET tokens_valid_after = ${REFUSE_COURSE_TOKENS_ISSUED_UNTIL_NOW} WHERE id = $1`, [userId]);
    await this.ended(userId, sessionId === null ? [] : [sessionId], sessionId === null);
  }

  /**
   * "Log out everywhere": every session, and every token without one, for good: such a
   * token names the moment it was issued itself, so one forged with a later `iat` (or a
   * far `exp`) would outlive a cut-off of "now". The course's clients get tokens with a
   * session at POST /login; course-style ones come only from outside (tests that mint
   * them with SECRET_KEY, the course's own app while a database is shared).
   */
  async endAll(userId: number): Promise<void> {
    const ended = await rowsOf<{ id: number }>(
      this.db,
      `WITH ended AS (DELETE FROM sessions WHERE user_id = $1 RETURNING id),
            refused AS (UPDATE users SET tokens_valid_after = 'infinity' WHERE id = $1)
       SELECT id FROM ended`,
      [userId],
    );
    await this.ended(userId, ended.map((s) => s.id), true);
  }

  /** Tells every instance (this one at once) to refuse the tokens of these sessions and close their streams. */
  private async ended(userId: number, sessions: number[], courseTokens = false): Promise<void> {
    if (sessions.length > 0 || courseTokens) await this.bus.publish({ type: 'sessions', user: userId, ended: sessions, courseTokens });
  }

  private async answer(userId: number, sessionId: number, refreshToken: string): Promise<TokenDto> {
    return {
      access_token: await this.tokens.sign(userId, sessionId),
      token_type: 'bearer',
      expires_in: this.tokens.lifetimeSeconds,
      refresh_token: refreshToken,
    };
  }
}

const invalidRefreshToken = () => new UnauthorizedException('Invalid refresh token');

/** Kept for the session list: printable characters only, and not without end. */
function cleanUserAgent(value: string | undefined): string | null {
  const clean = value?.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, USER_AGENT_MAX);
  return clean ? clean : null;
}
