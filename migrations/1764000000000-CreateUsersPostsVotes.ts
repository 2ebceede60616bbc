import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The course's Alembic schema (users, posts, votes), plus what the database can
 * enforce on its own: lower-case unique e-mails, field lengths, and the indexes
 * the feed and the vote counts read through.
 *
 * On a database the course's Alembic migrations made, the tables are taken over in
 * place instead, with their rows (see adoptCourseSchema).
 */
export class CreateUsersPostsVotes1764000000000 implements MigrationInterface {
  name = 'CreateUsersPostsVotes1764000000000';

  async up(q: QueryRunner): Promise<void> {
    if (await madeByTheCourse(q)) return adoptCourseSchema(q);
    await q.query(`
      CREATE TABLE users (
        id serial PRIMARY KEY,
        email varchar NOT NULL,
        password varchar NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_email_normalised CHECK (${EMAIL_CHECK})
      )`);
    await q.query(`
      CREATE TABLE posts (
        id serial PRIMARY KEY,
        title varchar NOT NULL,
        content varchar NOT NULL,
        published boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        owner_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT posts_title_length CHECK (${TITLE_CHECK}),
        CONSTRAINT posts_content_length CHECK (${CONTENT_CHECK})
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
    if (await madeByTheCourse(q)) return restoreCourseSchema(q);
    await q.query(`DROP TABLE votes`);
    await q.query(`DROP TABLE posts`);
    await q.query(`DROP TABLE users`);
  }
}

const EMAIL_CHECK = 'email = lower(btrim(email)) AND char_length(email) BETWEEN 3 AND 254';
const TITLE_CHECK = 'char_length(title) BETWEEN 1 AND 300';
const CONTENT_CHECK = 'char_length(content) BETWEEN 1 AND 20000';

/** The course's last Alembic revision ("auto-vote": votes, users.phone_number). */
const COURSE_HEAD = 'c47ecbf163d4';

/** Alembic's bookkeeping table beside a users table: this API never makes the former. */
async function madeByTheCourse(q: QueryRunner): Promise<boolean> {
  const [row] = await q.query(`SELECT to_regclass('alembic_version') IS NOT NULL AND to_regclass('users') IS NOT NULL AS course`);
  return row.course;
}

/**
 * Brings the course's tables to the schema above without losing a row: e-mails
 * lower-cased and trimmed (logins match any case, and the course stored them as typed),
 * the course's foreign-key name replaced by ours, the checks and indexes added, and the
 * id sequences moved past the highest id. Columns this API does not know (the course's
 * users.phone_number) and alembic_version stay as they are. Anything that would need a
 * person's decision (two accounts whose e-mails differ only in case, rows the checks
 * refuse) stops it before it changes anything, naming the rows.
 */
async function adoptCourseSchema(q: QueryRunner): Promise<void> {
  const stop = (problem: string) =>
    new Error(`Cannot take over the FastAPI course's database: ${problem}. Nothing was changed; fix that in the course's database and run the migrations again.`);

  const versions: { version_num: string }[] = await q.query(`SELECT version_num FROM alembic_version`);
  if (versions.length !== 1 || versions[0].version_num !== COURSE_HEAD) {
    const at = versions.map((v) => v.version_num).join(', ') || 'none';
    throw stop(`its Alembic revision is ${at}, not the course's last one (${COURSE_HEAD}); run "alembic upgrade head" with the course's code first`);
  }

  const clashes: { emails: string }[] = await q.query(`
    SELECT string_agg(email, ', ' ORDER BY id) AS emails FROM users
    GROUP BY lower(btrim(email)) HAVING count(*) > 1 ORDER BY min(id)`);
  if (clashes.length > 0) {
    throw stop(
      `these e-mail addresses differ only in letter case (or spaces), and here they would be one account: ${clashes.map((c) => `[${c.emails}]`).join(' ')}; merge or rename those users`,
    );
  }

  const refused: { what: string }[] = await q.query(`
    SELECT 'users with an e-mail shorter than 3 or longer than 254 characters: ' || string_agg(email, ', ' ORDER BY id) AS what
      FROM users WHERE char_length(btrim(email)) NOT BETWEEN 3 AND 254 HAVING count(*) > 0
    UNION ALL
    SELECT 'posts with an empty title or one longer than 300 characters: ids ' || string_agg(id::text, ', ' ORDER BY id)
      FROM posts WHERE NOT (${TITLE_CHECK}) HAVING count(*) > 0
    UNION ALL
    SELECT 'posts with empty content or content longer than 20000 characters: ids ' || string_agg(id::text, ', ' ORDER BY id)
      FROM posts WHERE NOT (${CONTENT_CHECK}) HAVING count(*) > 0`);
  if (refused.length > 0) throw stop(refused.map((r) => r.what).join('; '));

  await q.query(`UPDATE users SET email = lower(btrim(email)) WHERE email <> lower(btrim(email))`);
  await q.query(`ALTER TABLE users ADD CONSTRAINT users_email_normalised CHECK (${EMAIL_CHECK})`);
  await q.query(`ALTER TABLE posts RENAME CONSTRAINT post_users_fk TO posts_owner_id_fkey`);
  // The course's server_default 'TRUE' already reads back as true; set it so the schemas match whatever it was.
  await q.query(`ALTER TABLE posts ALTER COLUMN published SET DEFAULT true`);
  await q.query(`ALTER TABLE posts ADD CONSTRAINT posts_title_length CHECK (${TITLE_CHECK}), ADD CONSTRAINT posts_content_length CHECK (${CONTENT_CHECK})`);
  await q.query(`CREATE INDEX posts_owner_id_idx ON posts (owner_id)`);
  await q.query(`CREATE INDEX votes_post_id_idx ON votes (post_id)`);
  // Rows written with explicit ids (a restore, a seed script) can leave a sequence behind its table.
  for (const table of ['users', 'posts']) {
    await q.query(`
      SELECT setval('${table}_id_seq', max(id)) FROM ${table}
      HAVING max(id) >= (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${table}_id_seq)`);
  }
}

/** The reverse of adoptCourseSchema, back to the course's own schema; rows stay, e-mails lower-cased. */
async function restoreCourseSchema(q: QueryRunner): Promise<void> {
  await q.query(`DROP INDEX votes_post_id_idx`);
  await q.query(`DROP INDEX posts_owner_id_idx`);
  await q.query(`ALTER TABLE posts DROP CONSTRAINT posts_title_length, DROP CONSTRAINT posts_content_length`);
  await q.query(`ALTER TABLE posts RENAME CONSTRAINT posts_owner_id_fkey TO post_users_fk`);
  await q.query(`ALTER TABLE users DROP CONSTRAINT users_email_normalised`);
}
