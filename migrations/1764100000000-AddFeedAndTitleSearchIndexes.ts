import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - posts_feed_idx: the feed pages through post ids newest first, filtering on
 *   published/owner_id; with both columns in the index, skipped rows are read
 *   from the index alone (index-only scan), not from the table.
 * - posts_title_trgm_idx: trigram index so `title ILIKE '%word%'` (search) does
 *   not scan every title. pg_trgm ships with PostgreSQL and with PGlite.
 */
export class AddFeedAndTitleSearchIndexes1764100000000 implements MigrationInterface {
  name = 'AddFeedAndTitleSearchIndexes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX posts_feed_idx ON posts (id DESC) INCLUDE (published, owner_id)`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX posts_title_trgm_idx ON posts USING gin (title gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX posts_title_trgm_idx`);
    // The extension stays: it may have been there before, and other objects may use it.
    await q.query(`DROP INDEX posts_feed_idx`);
  }
}
