import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Home timelines, fanned out on write outside the request, with the authors that have
 * many followers merged in on read (src/timeline/ explains the design and its costs).
 *
 * - timeline_entries (user_id, post_id): the posts pushed into each reader's timeline;
 *   a page is a backward range of its primary key. A post's entries are never more than
 *   hints: the read checks, for each, that the post is still readable and its author
 *   still followed, so a delete, an unpublish or an unfollow takes effect on the next
 *   read, before the clean-up job has run. post_id has no foreign key: deleting a post
 *   must not delete an entry per follower inside the request.
 * - timeline_jobs: what the workers still have to do, queued by triggers so that every
 *   writer queues them (the API, plain SQL, cascades): a new post to push to its
 *   author's followers, a follow to backfill, an unfollow or a deleted post to clean up.
 *   The workers take jobs with FOR UPDATE SKIP LOCKED, so any number of instances share
 *   the queue, and a job is deleted in the transaction that does it.
 * - users.timeline_pulled: set by the worker once an author has more followers than
 *   TIMELINE_PUSH_MAX_FOLLOWERS; their posts are no longer pushed but read from posts at
 *   read time. It stays set, so that none of their posts falls between the two ways.
 */
export class AddHomeTimelines1764700000000 implements MigrationInterface {
  name = 'AddHomeTimelines1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN timeline_pulled boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX users_timeline_pulled_idx ON users (id) WHERE timeline_pulled`);
    await q.query(`
      CREATE TABLE timeline_entries (
        user_id integer NOT NULL,
        post_id integer NOT NULL,
        CONSTRAINT timeline_entries_pkey PRIMARY KEY (user_id, post_id),
        CONSTRAINT timeline_entries_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE timeline_jobs (
        id bigserial PRIMARY KEY,
        kind varchar NOT NULL CONSTRAINT timeline_jobs_kind CHECK (kind IN ('post', 'delete', 'follow', 'unfollow')),
        author_id integer NOT NULL,
        post_id integer,
        reader_id integer,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION timeline_jobs_for_posts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO timeline_jobs (kind, author_id, post_id) SELECT 'post', owner_id, id FROM new_rows ORDER BY id;
        ELSE
          INSERT INTO timeline_jobs (kind, author_id, post_id) SELECT 'delete', owner_id, id FROM old_rows ORDER BY id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION timeline_jobs_for_follows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO timeline_jobs (kind, author_id, reader_id) SELECT 'follow', followee_id, follower_id FROM new_rows;
        ELSE
          INSERT INTO timeline_jobs (kind, author_id, reader_id) SELECT 'unfollow', followee_id, follower_id FROM old_rows;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER timeline_jobs_on_post_insert AFTER INSERT ON posts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timeline_jobs_for_posts()`);
    await q.query(`CREATE TRIGGER timeline_jobs_on_post_delete AFTER DELETE ON posts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION timeline_jobs_for_posts()`);
    await q.query(`CREATE TRIGGER timeline_jobs_on_follow AFTER INSERT ON follows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timeline_jobs_for_follows()`);
    await q.query(`CREATE TRIGGER timeline_jobs_on_unfollow AFTER DELETE ON follows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION timeline_jobs_for_follows()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER timeline_jobs_on_unfollow ON follows`);
    await q.query(`DROP TRIGGER timeline_jobs_on_follow ON follows`);
    await q.query(`DROP TRIGGER timeline_jobs_on_post_delete ON posts`);
    await q.query(`DROP TRIGGER timeline_jobs_on_post_insert ON posts`);
    await q.query(`DROP FUNCTION timeline_jobs_for_follows()`);
    await q.query(`DROP FUNCTION timeline_jobs_for_posts()`);
    await q.query(`DROP TABLE timeline_jobs`);
    await q.query(`DROP TABLE timeline_entries`);
    await q.query(`DROP INDEX users_timeline_pulled_idx`);
    await q.query(`ALTER TABLE users DROP COLUMN timeline_pulled`);
  }
}
