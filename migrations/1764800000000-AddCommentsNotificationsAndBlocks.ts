import { MigrationInterface, QueryRunner } from 'typeorm';
import { addCounter, Counter, dropCounter } from './counters';

const COUNTERS: Counter[] = [
  { name: 'posts_comments_count', source: 'comments', key: 'post_id', target: 'posts', column: 'comments_count' },
  { name: 'comments_replies_count', source: 'comments', key: 'reply_to', target: 'comments', column: 'replies_count' },
  {
    name: 'users_unread_notifications',
    source: 'notifications',
    key: 'user_id',
    target: 'users',
    column: 'unread_notifications',
    where: (n) => `NOT ${n}.read`,
    // Marking read comes in bulk (everything up to an id), and it is all that updates notifications.
    updates: 'statement',
  },
];

/**
 * Conversations, notifications and blocks.
 *
 * - blocks (blocker_id, blocked_id): blocked_ids(user) is the one home of "who is on the
 *   other side of a block from this user" (either direction); the API's visibility rule
 *   (src/posts/post-access.ts) and the notification triggers below both read it. A block
 *   ends the follows between the two, and the notifications between them, whoever writes it.
 * - comments: one level of replies. reply_to must name a comment of the same post, which
 *   the composite foreign key (reply_to, post_id) -> comments (id, post_id) enforces;
 *   replies go with their comment, comments with their post or their owner.
 * - votes.created_at (existing votes get the migration's time) and the voters' order.
 * - notifications, made by triggers on votes, follows and comments for every writer:
 *   none for your own actions or across a block; a vote or follow taken back takes its
 *   notification with it while unread; a deleted comment, post or user takes theirs.
 * - Counts: a post's comments (replies included), a comment's replies, a user's unread
 *   notifications, declared like the others (migrations/counters.ts).
 */
export class AddCommentsNotificationsAndBlocks1764800000000 implements MigrationInterface {
  name = 'AddCommentsNotificationsAndBlocks1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE blocks (
        blocker_id integer NOT NULL,
        blocked_id integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT blocks_pkey PRIMARY KEY (blocker_id, blocked_id),
        CONSTRAINT blocks_blocker_id_fkey FOREIGN KEY (blocker_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT blocks_blocked_id_fkey FOREIGN KEY (blocked_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT blocks_not_self CHECK (blocker_id <> blocked_id)
      )`);
    await q.query(`CREATE INDEX blocks_blocked_id_idx ON blocks (blocked_id, blocker_id)`);
    await q.query(`CREATE INDEX blocks_list_idx ON blocks (blocker_id, created_at DESC, blocked_id DESC)`);
    // SQL, STABLE, one SELECT: the planner inlines it into the statements that use it.
    await q.query(`
      CREATE FUNCTION blocked_ids(who integer) RETURNS SETOF integer LANGUAGE sql STABLE AS $$
        SELECT blocked_id FROM blocks WHERE blocker_id = who
        UNION ALL
        SELECT blocker_id FROM blocks WHERE blocked_id = who
      $$`);

    await q.query(`ALTER TABLE votes ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX votes_voters_idx ON votes (post_id, created_at DESC, user_id DESC)`);
    await q.query(`DROP INDEX votes_post_id_idx`);

    await q.query(`
      CREATE TABLE comments (
        id serial PRIMARY KEY,
        post_id integer NOT NULL,
        owner_id integer NOT NULL,
        content varchar NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        reply_to integer,
        replies_count integer NOT NULL DEFAULT 0 CONSTRAINT comments_replies_count_not_negative CHECK (replies_count >= 0),
        CONSTRAINT comments_content_length CHECK (char_length(content) BETWEEN 1 AND 2000),
        CONSTRAINT comments_id_post_id_key UNIQUE (id, post_id),
        CONSTRAINT comments_post_id_fkey FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
        CONSTRAINT comments_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT comments_reply_to_fkey FOREIGN KEY (reply_to, post_id) REFERENCES comments (id, post_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX comments_post_id_idx ON comments (post_id, id) WHERE reply_to IS NULL`);
    await q.query(`CREATE INDEX comments_reply_to_idx ON comments (reply_to, id)`);
    await q.query(`CREATE INDEX comments_owner_id_idx ON comments (owner_id)`);
    await q.query(`ALTER TABLE posts ADD COLUMN comments_count integer NOT NULL DEFAULT 0 CONSTRAINT posts_comments_count_not_negative CHECK (comments_count >= 0)`);

    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        user_id integer NOT NULL,
        kind varchar NOT NULL CONSTRAINT notifications_kind CHECK (kind IN ('vote', 'comment', 'reply', 'follow')),
        actor_id integer NOT NULL,
        post_id integer,
        comment_id integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        read boolean NOT NULL DEFAULT false,
        CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT notifications_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT notifications_post_id_fkey FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
        CONSTRAINT notifications_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES comments (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX notifications_user_id_idx ON notifications (user_id, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id, id) WHERE NOT read`);
    await q.query(`CREATE INDEX notifications_actor_id_idx ON notifications (actor_id, user_id)`);
    await q.query(`CREATE INDEX notifications_post_id_idx ON notifications (post_id)`);
    await q.query(`CREATE INDEX notifications_comment_id_idx ON notifications (comment_id)`);
    await q.query(`ALTER TABLE users ADD COLUMN unread_notifications integer NOT NULL DEFAULT 0 CONSTRAINT users_unread_notifications_not_negative CHECK (unread_notifications >= 0)`);

    await q.query(`
      CREATE FUNCTION blocks_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM follows f USING new_rows b
        WHERE (f.follower_id = b.blocker_id AND f.followee_id = b.blocked_id) OR (f.follower_id = b.blocked_id AND f.followee_id = b.blocker_id);
        DELETE FROM notifications n USING new_rows b
        WHERE (n.actor_id = b.blocked_id AND n.user_id = b.blocker_id) OR (n.actor_id = b.blocker_id AND n.user_id = b.blocked_id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER blocks_on_insert AFTER INSERT ON blocks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION blocks_after_insert()`);

    // Who is notified of what: recipient, kind, actor, post, comment; never yourself, never across a block.
    const notify = (rows: string) => `
      INSERT INTO notifications (user_id, kind, actor_id, post_id, comment_id)
      SELECT r.user_id, r.kind, r.actor_id, r.post_id, r.comment_id FROM (${rows}) r
      WHERE r.user_id <> r.actor_id AND r.actor_id NOT IN (SELECT blocked_ids(r.user_id))`;
    await q.query(`
      CREATE FUNCTION notifications_for_votes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${notify(`SELECT p.owner_id AS user_id, 'vote' AS kind, v.user_id AS actor_id, v.post_id, NULL::int AS comment_id FROM new_rows v JOIN posts p ON p.id = v.post_id`)};
        ELSE
          DELETE FROM notifications n USING old_rows v WHERE n.post_id = v.post_id AND n.actor_id = v.user_id AND n.kind = 'vote' AND NOT n.read;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION notifications_for_follows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${notify(`SELECT f.followee_id AS user_id, 'follow' AS kind, f.follower_id AS actor_id, NULL::int AS post_id, NULL::int AS comment_id FROM new_rows f`)};
        ELSE
          DELETE FROM notifications n USING old_rows f WHERE n.actor_id = f.follower_id AND n.user_id = f.followee_id AND n.kind = 'follow' AND NOT n.read;
        END IF;
        RETURN NULL;
      END $$`);
    // A reply notifies the owner of the comment it answers; a comment, the post's owner,
    // unless the same person is notified of it as a reply.
    await q.query(`
      CREATE FUNCTION notifications_for_comments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${notify(`
          SELECT p.owner_id AS user_id, 'comment' AS kind, c.owner_id AS actor_id, c.post_id, c.id AS comment_id
          FROM new_rows c JOIN posts p ON p.id = c.post_id LEFT JOIN comments parent ON parent.id = c.reply_to
          WHERE parent.owner_id IS DISTINCT FROM p.owner_id
          UNION ALL
          SELECT parent.owner_id, 'reply', c.owner_id, c.post_id, c.id FROM new_rows c JOIN comments parent ON parent.id = c.reply_to`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER notifications_on_vote AFTER INSERT ON votes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_for_votes()`);
    await q.query(`CREATE TRIGGER notifications_on_unvote AFTER DELETE ON votes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_for_votes()`);
    await q.query(`CREATE TRIGGER notifications_on_follow AFTER INSERT ON follows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_for_follows()`);
    await q.query(`CREATE TRIGGER notifications_on_unfollow AFTER DELETE ON follows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_for_follows()`);
    await q.query(`CREATE TRIGGER notifications_on_comment AFTER INSERT ON comments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_for_comments()`);

    for (const counter of COUNTERS) await addCounter(q, counter);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const counter of [...COUNTERS].reverse()) await dropCounter(q, counter);
    await q.query(`DROP TRIGGER notifications_on_comment ON comments`);
    await q.query(`DROP TRIGGER notifications_on_unfollow ON follows`);
    await q.query(`DROP TRIGGER notifications_on_follow ON follows`);
    await q.query(`DROP TRIGGER notifications_on_unvote ON votes`);
    await q.query(`DROP TRIGGER notifications_on_vote ON votes`);
    await q.query(`DROP FUNCTION notifications_for_comments()`);
    await q.query(`DROP FUNCTION notifications_for_follows()`);
    await q.query(`DROP FUNCTION notifications_for_votes()`);
    await q.query(`DROP TRIGGER blocks_on_insert ON blocks`);
    await q.query(`DROP FUNCTION blocks_after_insert()`);
    await q.query(`ALTER TABLE users DROP COLUMN unread_notifications`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`ALTER TABLE posts DROP COLUMN comments_count`);
    await q.query(`DROP TABLE comments`);
    await q.query(`CREATE INDEX votes_post_id_idx ON votes (post_id)`);
    await q.query(`DROP INDEX votes_voters_idx`);
    await q.query(`ALTER TABLE votes DROP COLUMN created_at`);
    await q.query(`DROP FUNCTION blocked_ids(integer)`);
    await q.query(`DROP TABLE blocks`);
  }
}
