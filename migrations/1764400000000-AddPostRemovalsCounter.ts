import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * post_totals.removals: how many times a post has left the published matches of a
 * search (deleted, unpublished, or retitled), kept by triggers like the other
 * counters, so that whoever writes (the API, plain SQL, a cascade) moves it.
 *
 * A search that found more published matches than SEARCH_COUNT_LIMIT stays past the
 * limit until enough of them leave, and only a removal can make one leave (a new post
 * only adds matches). The API remembers such a search with the counter's value and
 * does not count it again while the counter has not moved by more than the matches
 * it had to spare (src/posts/search-counts.ts).
 *
 * Removals are rare writes: a DELETE or an UPDATE of the title or of published. A
 * TRUNCATE adds 2^31, more posts than an int4 id allows, so that it ends every
 * remembered search.
 */
export class AddPostRemovalsCounter1764400000000 implements MigrationInterface {
  name = 'AddPostRemovalsCounter1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE post_totals ADD COLUMN removals bigint NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION post_removals_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        removed bigint;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          removed := 2147483648;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT count(*) INTO removed FROM old_posts;
        ELSE
          removed := 1;
        END IF;
        IF removed > 0 THEN
          UPDATE post_totals SET removals = removals + removed;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER post_removals_on_delete AFTER DELETE ON posts REFERENCING OLD TABLE AS old_posts FOR EACH STATEMENT EXECUTE FUNCTION post_removals_after_change()`,
    );
    await q.query(`CREATE TRIGGER post_removals_on_truncate AFTER TRUNCATE ON posts FOR EACH STATEMENT EXECUTE FUNCTION post_removals_after_change()`);
    await q.query(`
      CREATE TRIGGER post_removals_on_update AFTER UPDATE OF title, published ON posts
      FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR (OLD.published AND NOT NEW.published))
      EXECUTE FUNCTION post_removals_after_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER post_removals_on_update ON posts`);
    await q.query(`DROP TRIGGER post_removals_on_truncate ON posts`);
    await q.query(`DROP TRIGGER post_removals_on_delete ON posts`);
    await q.query(`DROP FUNCTION post_removals_after_change()`);
    await q.query(`ALTER TABLE post_totals DROP COLUMN removals`);
  }
}
