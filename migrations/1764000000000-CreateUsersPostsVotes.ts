import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The course's Alembic schema (users, posts, votes), plus what the database can
 * enforce on its own: lower-case unique e-mails, field lengths, and the indexes
 * the feed and the vote counts read through.
 */
export class CreateUsersPostsVotes1764000000000 implements MigrationInterface {
  name = 'CreateUsersPostsVotes1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id serial PRIMARY KEY,
        email varchar NOT NULL,
        password varchar NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)) AND char_length(email) BETWEEN 3 AND 254)
      )`);
    await q.query(`
      CREATE TABLE posts (
        id serial PRIMARY KEY,
        title varchar NOT NULL,
        content varchar NOT NULL,
        published boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        owner_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT posts_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
        CONSTRAINT posts_content_length CHECK (char_length(content) BETWEEN 1 AND 20000)
      )`);
    await q.query(`CREATE INDEX posts_owner_id_idx ON posts (owner_id)`);
    await q.query(`
      CREATE TABLE votes (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, post_id)
      )`);
    await q.query(`CREATE INDEX votes_post_id_idx ON votes (post_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE votes`);
    await q.query(`DROP TABLE posts`);
    await q.query(`DROP TABLE users`);
  }
}
