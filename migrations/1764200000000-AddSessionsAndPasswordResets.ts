import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable sessions (one row per login, refresh tokens by hash), single-use
 * password reset tokens (by hash), and the moment before which a user's tokens
 * without a session (the course's kind) stop being accepted.
 */
export class AddSessionsAndPasswordResets1764200000000 implements MigrationInterface {
  name = 'AddSessionsAndPasswordResets1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN tokens_valid_after timestamptz`);
    await q.query(`
      CREATE TABLE sessions (
        id serial PRIMARY KEY,
        user_id integer NOT NULL,
        family_hash bytea NOT NULL,
        secret_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        user_agent varchar,
        CONSTRAINT sessions_family_hash_key UNIQUE (family_hash),
        CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`);
    await q.query(`
      CREATE TABLE password_reset_tokens (
        token_hash bytea PRIMARY KEY,
        user_id integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT password_reset_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_user_id_idx ON password_reset_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`ALTER TABLE users DROP COLUMN tokens_valid_after`);
  }
}
