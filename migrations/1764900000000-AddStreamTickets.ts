import { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use tickets for EventSource clients of GET /stream (src/stream/stream-ticket.entity.ts). */
export class AddStreamTickets1764900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stream_tickets (
        ticket_hash bytea PRIMARY KEY,
        user_id integer NOT NULL,
        session_id integer,
        expires_at timestamptz NOT NULL,
        CONSTRAINT stream_tickets_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT stream_tickets_session_id_fkey FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX stream_tickets_user_id_idx ON stream_tickets (user_id)`);
    await q.query(`CREATE INDEX stream_tickets_session_id_idx ON stream_tickets (session_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stream_tickets`);
  }
}
