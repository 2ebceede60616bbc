import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rowsOf } from '../database/rows';
import { isRandomToken, randomToken, sha256 } from '../sessions/opaque-token';
import { authenticated, type AuthenticatedUser } from '../sessions/token-users';

/** Seconds a ticket may wait to be used. */
export const TICKET_SECONDS = 30;

/**
 * Tickets to open a stream where the client cannot send a token (EventSource): issued
 * to a logged-in session, used once, within TICKET_SECONDS. Only the hash is stored.
 */
@Injectable()
export class StreamTickets {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new ticket; the user's expired ones are swept in the same statement. */
  async issue(user: AuthenticatedUser): Promise<string> {
    const ticket = randomToken();
    await this.db.query(
      `WITH expired AS (DELETE FROM stream_tickets WHERE user_id = $1 AND expires_at <= now())
       INSERT INTO stream_tickets (ticket_hash, user_id, session_id, expires_at) VALUES ($2, $1, $3, now() + make_interval(secs => $4))`,
      [user.id, sha256(ticket), user.sessionId, TICKET_SECONDS],
    );
    return ticket;
  }

  /** The user and session a ticket was issued to, using it up; undefined for a ticket unknown, used or expired. */
  async redeem(ticket: string): Promise<AuthenticatedUser | undefined> {
    if (!isRandomToken(ticket)) return undefined;
    const [row] = await rowsOf<{ id: number; email: string; username: string; created_at: Date; session_id: number | null }>(
      this.db,
      `WITH used AS (DELETE FROM stream_tickets WHERE ticket_hash = $1 RETURNING user_id, session_id, expires_at)
       SELECT u.id, u.email, u.username, u.created_at, used.session_id FROM used JOIN users u ON u.id = used.user_id WHERE used.expires_at > now()`,
      [sha256(ticket)],
    );
    if (!row) return undefined;
    return authenticated({ id: row.id, email: row.email, username: row.username, createdAt: row.created_at }, row.session_id);
  }
}
