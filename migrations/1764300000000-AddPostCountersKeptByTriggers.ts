import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters that let the feed answer without scanning: a post's vote count
 * (posts.votes_count), the number of published posts (the one row of
 * post_totals) and each user's number of drafts (users.drafts_count). The feed's
 * X-Total-Count is then published + the viewer's drafts, two index lookups.
 *
 * The votes and posts tables stay the truth; the counters are derived from them
 * by triggers, so they stay exact whoever writes: the API, a bulk seed in plain
 * SQL, an operator's fix-up script, an UPDATE of `published`, a DELETE that
 * cascades from users or posts, a TRUNCATE. Inserts and deletes use
 * statement-level triggers with transition tables, so a bulk INSERT of millions
 * of votes updates each post once, not once per vote. Updates of the columns a
 * counter depends on are rare and use row-level triggers, which (unlike
 * statement-level ones with transition tables) can name their columns: the
 * votes_count updates the vote triggers make do not fire the post triggers.
 *
 * Concurrent votes on one post serialise on that post's row (the UPDATE takes
 * its row lock until commit), which is what keeps the count from drifting.
 *
 * recount_post_counters() recomputes every counter from the tables; the
 * migration uses it to backfill, and an operator can run it after anything that
 * bypassed the triggers (ALTER TABLE ... DISABLE TRIGGER, session_replication_role).
 */
export class AddPostCountersKeptByTriggers1764300000000 implements MigrationInterface {
  name = 'AddPostCountersKeptByTriggers1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posts ADD COLUMN votes_count integer NOT NULL DEFAULT 0 CONSTRAINT posts_votes_count_not_negative CHECK (votes_count >= 0)`);
    await q.query(`ALTER TABLE users ADD COLUMN drafts_count integer NOT NULL DEFAULT 0 CONSTRAINT users_drafts_count_not_negative CHECK (drafts_count >= 0)`);
    await q.query(`
      CREATE TABLE post_totals (
        id boolean PRIMARY KEY DEFAULT true CONSTRAINT post_totals_one_row CHECK (id),
        published integer NOT NULL CONSTRAINT post_totals_published_not_negative CHECK (published >= 0)
      )`);

    await createCounterTriggers(q);
    await q.query(`SELECT recount_post_counters()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropCounterTriggers(q);
    await q.query(`DROP TABLE post_totals`);
    await q.query(`ALTER TABLE users DROP COLUMN drafts_count`);
    await q.query(`ALTER TABLE posts DROP COLUMN votes_count`);
  }
}

/**
 * The counters' triggers and recount_post_counters(), written by hand; migration
 * DeclareCountersOnce replaces them with declared ones, and its down puts these back.
 */
export async function createCounterTriggers(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE FUNCTION votes_count_after_statement() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE posts p SET votes_count = p.votes_count + d.n
        FROM (SELECT post_id, count(*)::int AS n FROM new_votes GROUP BY post_id) d
        WHERE p.id = d.post_id;
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE posts p SET votes_count = p.votes_count - d.n
        FROM (SELECT post_id, count(*)::int AS n FROM old_votes GROUP BY post_id) d
        WHERE p.id = d.post_id;
      ELSE -- TRUNCATE
        UPDATE posts SET votes_count = 0 WHERE votes_count <> 0;
      END IF;
      RETURN NULL;
    END $$`);
  await q.query(`
    CREATE FUNCTION votes_count_after_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE posts SET votes_count = votes_count - 1 WHERE id = OLD.post_id;
      UPDATE posts SET votes_count = votes_count + 1 WHERE id = NEW.post_id;
      RETURN NULL;
    END $$`);
  await q.query(`CREATE TRIGGER votes_count_on_insert AFTER INSERT ON votes REFERENCING NEW TABLE AS new_votes FOR EACH STATEMENT EXECUTE FUNCTION votes_count_after_statement()`);
  await q.query(`CREATE TRIGGER votes_count_on_delete AFTER DELETE ON votes REFERENCING OLD TABLE AS old_votes FOR EACH STATEMENT EXECUTE FUNCTION votes_count_after_statement()`);
  await q.query(`CREATE TRIGGER votes_count_on_truncate AFTER TRUNCATE ON votes FOR EACH STATEMENT EXECUTE FUNCTION votes_count_after_statement()`);
  await q.query(`
    CREATE TRIGGER votes_count_on_move AFTER UPDATE OF post_id ON votes
    FOR EACH ROW WHEN (OLD.post_id <> NEW.post_id) EXECUTE FUNCTION votes_count_after_move()`);

  await q.query(`
    CREATE FUNCTION post_totals_after_statement() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
      published_change integer;
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        UPDATE post_totals SET published = 0;
        UPDATE users SET drafts_count = 0 WHERE drafts_count <> 0;
        RETURN NULL;
      END IF;
      IF TG_OP = 'INSERT' THEN
        SELECT count(*) FILTER (WHERE published) INTO published_change FROM new_posts;
        UPDATE users u SET drafts_count = u.drafts_count + d.n
        FROM (SELECT owner_id, count(*)::int AS n FROM new_posts WHERE NOT published GROUP BY owner_id) d
        WHERE u.id = d.owner_id;
      ELSE
        SELECT count(*) FILTER (WHERE published) INTO published_change FROM old_posts;
        UPDATE users u SET drafts_count = u.drafts_count - d.n
        FROM (SELECT owner_id, count(*)::int AS n FROM old_posts WHERE NOT published GROUP BY owner_id) d
        WHERE u.id = d.owner_id;
      END IF;
      -- Drafts leave the one-row total alone, so writing them never waits on it.
      IF published_change <> 0 THEN
        UPDATE post_totals SET published = published + sign * published_change;
      END IF;
      RETURN NULL;
    END $$`);
  await q.query(`
    CREATE FUNCTION post_totals_after_row_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.published THEN
        UPDATE post_totals SET published = published - 1;
      ELSE
        UPDATE users SET drafts_count = drafts_count - 1 WHERE id = OLD.owner_id;
      END IF;
      IF NEW.published THEN
        UPDATE post_totals SET published = published + 1;
      ELSE
        UPDATE users SET drafts_count = drafts_count + 1 WHERE id = NEW.owner_id;
      END IF;
      RETURN NULL;
    END $$`);
  await q.query(`CREATE TRIGGER post_totals_on_insert AFTER INSERT ON posts REFERENCING NEW TABLE AS new_posts FOR EACH STATEMENT EXECUTE FUNCTION post_totals_after_statement()`);
  await q.query(`CREATE TRIGGER post_totals_on_delete AFTER DELETE ON posts REFERENCING OLD TABLE AS old_posts FOR EACH STATEMENT EXECUTE FUNCTION post_totals_after_statement()`);
  await q.query(`CREATE TRIGGER post_totals_on_truncate AFTER TRUNCATE ON posts FOR EACH STATEMENT EXECUTE FUNCTION post_totals_after_statement()`);
  await q.query(`
    CREATE TRIGGER post_totals_on_update AFTER UPDATE OF published, owner_id ON posts
    FOR EACH ROW WHEN (OLD.published <> NEW.published OR (NOT NEW.published AND OLD.owner_id <> NEW.owner_id))
    EXECUTE FUNCTION post_totals_after_row_update()`);

  await q.query(`
    CREATE FUNCTION recount_post_counters() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      -- No write may slip between a count and its store; two recounts wait for each other.
      LOCK TABLE users, posts, votes IN SHARE ROW EXCLUSIVE MODE;
      INSERT INTO post_totals (id, published) SELECT true, count(*) FROM posts WHERE published
      ON CONFLICT (id) DO UPDATE SET published = EXCLUDED.published;
      UPDATE users u SET drafts_count = d.n
      FROM (SELECT u.id, count(p.id)::int AS n FROM users u LEFT JOIN posts p ON p.owner_id = u.id AND NOT p.published GROUP BY u.id) d
      WHERE u.id = d.id AND u.drafts_count <> d.n;
      UPDATE posts p SET votes_count = c.n
      FROM (SELECT p.id, count(v.post_id)::int AS n FROM posts p LEFT JOIN votes v ON v.post_id = p.id GROUP BY p.id) c
      WHERE p.id = c.id AND p.votes_count <> c.n;
    END $$`);
}

export async function dropCounterTriggers(q: QueryRunner): Promise<void> {
  await q.query(`DROP FUNCTION recount_post_counters()`);
  await q.query(`DROP TRIGGER post_totals_on_update ON posts`);
  await q.query(`DROP TRIGGER post_totals_on_truncate ON posts`);
  await q.query(`DROP TRIGGER post_totals_on_delete ON posts`);
  await q.query(`DROP TRIGGER post_totals_on_insert ON posts`);
  await q.query(`DROP FUNCTION post_totals_after_row_update()`);
  await q.query(`DROP FUNCTION post_totals_after_statement()`);
  await q.query(`DROP TRIGGER votes_count_on_move ON votes`);
  await q.query(`DROP TRIGGER votes_count_on_truncate ON votes`);
  await q.query(`DROP TRIGGER votes_count_on_delete ON votes`);
  await q.query(`DROP TRIGGER votes_count_on_insert ON votes`);
  await q.query(`DROP FUNCTION votes_count_after_move()`);
  await q.query(`DROP FUNCTION votes_count_after_statement()`);
}
