import { MigrationInterface, QueryRunner } from 'typeorm';
import { addCounter, Counter, dropCounter } from './counters';

const COUNTERS: Counter[] = [
  { name: 'users_posts_count', source: 'posts', key: 'owner_id', target: 'users', column: 'posts_count', where: (p) => `${p}.published`, whereColumns: ['published'] },
  { name: 'users_followers_count', source: 'follows', key: 'followee_id', target: 'users', column: 'followers_count' },
  { name: 'users_following_count', source: 'follows', key: 'follower_id', target: 'users', column: 'following_count' },
];

/** What a username may be; the API's validator says the same (src/users/dto/username.field.ts). */
const USERNAME_CHECK = `username ~ '^[A-Za-z0-9_]{3,30}$'`;

/**
 * People and the social graph: usernames, profile fields, follows, and the counts a
 * profile shows (published posts, followers, following), kept by declared counters.
 *
 * - users.username: 3-30 of A-Z a-z 0-9 _, unique without regard to letter case
 *   (users_username_key on lower(username)), kept as written.
 * - A user inserted without one gets one made from the e-mail's local part, by a trigger,
 *   so that every writer gets one (the API's sign-up without a username, the course's own
 *   tools, an import): other characters dropped, "user_" before one shorter than 3, a
 *   number appended where taken. Users already there (an adopted course database) get
 *   theirs in id order.
 * - posts_owner_feed_idx (owner_id, id DESC) replaces posts_owner_id_idx: an author's
 *   posts newest first are an index range, for profiles and for timelines; it still
 *   serves the owner's foreign key.
 * - follows: the contract's table, with the two list orders (newest follow first) as indexes.
 */
export class AddUsernamesAndFollows1764600000000 implements MigrationInterface {
  name = 'AddUsernamesAndFollows1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN username varchar,
        ADD COLUMN display_name varchar NOT NULL DEFAULT '' CONSTRAINT users_display_name_length CHECK (char_length(display_name) <= 50),
        ADD COLUMN bio varchar NOT NULL DEFAULT '' CONSTRAINT users_bio_length CHECK (char_length(bio) <= 500),
        ADD COLUMN posts_count integer NOT NULL DEFAULT 0 CONSTRAINT users_posts_count_not_negative CHECK (posts_count >= 0),
        ADD COLUMN followers_count integer NOT NULL DEFAULT 0 CONSTRAINT users_followers_count_not_negative CHECK (followers_count >= 0),
        ADD COLUMN following_count integer NOT NULL DEFAULT 0 CONSTRAINT users_following_count_not_negative CHECK (following_count >= 0)`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`
      CREATE FUNCTION username_from_email(email varchar) RETURNS varchar LANGUAGE plpgsql AS $$
      DECLARE
        base varchar := left(regexp_replace(split_part(email, '@', 1), '[^A-Za-z0-9_]', '', 'g'), 30);
        candidate varchar;
        suffix bigint;
        tries integer := 0;
      BEGIN
        IF char_length(base) < 3 THEN
          base := left('user' || CASE WHEN base = '' THEN '' ELSE '_' || base END, 30);
        END IF;
        -- Concurrent sign-ups from one local part take turns (until commit), so that they
        -- do not both pick the same free name; transaction-level, which PgBouncer keeps.
        PERFORM pg_advisory_xact_lock(hashtext('username:' || lower(base)));
        candidate := base;
        -- base, base2 .. base10, then random numbers of growing length: a few index probes
        -- however many share the local part.
        WHILE EXISTS (SELECT 1 FROM users WHERE lower(username) = lower(candidate)) LOOP
          tries := tries + 1;
          suffix := CASE WHEN tries < 10 THEN tries + 1 ELSE floor(random() * 10 ^ (2 + tries / 10))::bigint END;
          candidate := left(base, 30 - char_length(suffix::text)) || suffix::text;
        END LOOP;
        RETURN candidate;
      END $$`);
    await q.query(`
      CREATE FUNCTION users_username_default() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.username := username_from_email(NEW.email);
        RETURN NEW;
      END $$`);
    await q.query(`
      DO $$
      DECLARE
        u record;
      BEGIN
        FOR u IN SELECT id, email FROM users ORDER BY id LOOP
          UPDATE users SET username = username_from_email(u.email) WHERE id = u.id;
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE users ALTER COLUMN username SET NOT NULL, ADD CONSTRAINT users_username_format CHECK (${USERNAME_CHECK})`);
    await q.query(`CREATE TRIGGER users_username_on_insert BEFORE INSERT ON users FOR EACH ROW WHEN (NEW.username IS NULL) EXECUTE FUNCTION users_username_default()`);

    await q.query(`CREATE INDEX posts_owner_feed_idx ON posts (owner_id, id DESC) INCLUDE (published)`);
    await q.query(`DROP INDEX posts_owner_id_idx`);

    await q.query(`
      CREATE TABLE follows (
        follower_id integer NOT NULL,
        followee_id integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT follows_pkey PRIMARY KEY (follower_id, followee_id),
        CONSTRAINT follows_follower_id_fkey FOREIGN KEY (follower_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT follows_followee_id_fkey FOREIGN KEY (followee_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT follows_not_self CHECK (follower_id <> followee_id)
      )`);
    await q.query(`CREATE INDEX follows_followers_idx ON follows (followee_id, created_at DESC, follower_id DESC)`);
    await q.query(`CREATE INDEX follows_following_idx ON follows (follower_id, created_at DESC, followee_id DESC)`);

    for (const counter of COUNTERS) await addCounter(q, counter);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const counter of [...COUNTERS].reverse()) await dropCounter(q, counter);
    await q.query(`DROP TABLE follows`);
    await q.query(`CREATE INDEX posts_owner_id_idx ON posts (owner_id)`);
    await q.query(`DROP INDEX posts_owner_feed_idx`);
    await q.query(`DROP TRIGGER users_username_on_insert ON users`);
    await q.query(`DROP FUNCTION users_username_default()`);
    await q.query(`DROP FUNCTION username_from_email(varchar)`);
    await q.query(`DROP INDEX users_username_key`);
    await q.query(`
      ALTER TABLE users
        DROP COLUMN following_count, DROP COLUMN followers_count, DROP COLUMN posts_count,
        DROP COLUMN bio, DROP COLUMN display_name, DROP COLUMN username`);
  }
}
