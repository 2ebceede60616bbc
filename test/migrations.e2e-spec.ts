import { migrations } from '../migrations';
import { startTestApp, TestApp } from './support/test-app';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const tables = async () =>
    (await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('users', 'posts', 'votes', 'sessions', 'password_reset_tokens') ORDER BY 1`)).map(
      (r: { tablename: string }) => r.tablename,
    );

  it('were applied on start, and revert and re-apply cleanly', async () => {
    const all = ['password_reset_tokens', 'posts', 'sessions', 'users', 'votes'];
    expect(await tables()).toEqual(all);
    expect(await t.db.showMigrations()).toBe(false);
    await t.db.undoLastMigration();
    expect(await tables()).toEqual(['posts', 'users', 'votes']);
    for (let i = 1; i < migrations.length; i++) await t.db.undoLastMigration();
    expect(await tables()).toEqual([]);
    await t.db.runMigrations();
    expect(await tables()).toEqual(all);
  });

  it('let the database enforce keys, cascades and the indexes the feed reads through', async () => {
    const indexes = (await t.db.query(`SELECT indexname FROM pg_indexes WHERE tablename IN ('posts', 'votes')`)).map((r: { indexname: string }) => r.indexname);
    expect(indexes).toEqual(expect.arrayContaining(['posts_owner_id_idx', 'posts_feed_idx', 'posts_title_trgm_idx', 'votes_post_id_idx', 'votes_pkey']));
    await expect(t.db.query(`INSERT INTO users (email, password) VALUES ('UPPER@example.com', 'x')`)).rejects.toMatchObject({ code: '23514' });
    await expect(t.db.query(`INSERT INTO posts (title, content, owner_id) VALUES ('t', 'c', 2000000000)`)).rejects.toMatchObject({ code: '23503' });
    await expect(t.db.query(`INSERT INTO sessions (user_id, family_hash, secret_hash) VALUES (2000000000, 'f', 's')`)).rejects.toMatchObject({ code: '23503' });
    const [user] = await t.db.query(`INSERT INTO users (email, password) VALUES ('keys@example.com', 'x') RETURNING id`);
    await t.db.query(`INSERT INTO sessions (user_id, family_hash, secret_hash) VALUES ($1, 'f', 's')`, [user.id]);
    await expect(t.db.query(`INSERT INTO sessions (user_id, family_hash, secret_hash) VALUES ($1, 'f', 't')`, [user.id])).rejects.toMatchObject({ code: '23505' });
  });
});

describe('RUN_MIGRATIONS=false', () => {
  it('starts without touching the schema, leaving the migrations to the release step', async () => {
    // A fresh embedded database, so there is something to migrate whatever TEST_DATABASE_URL holds.
    const t = await startTestApp({ DATABASE_URL: '', RUN_MIGRATIONS: 'false' });
    try {
      expect(await t.db.showMigrations()).toBe(true);
      await t.db.runMigrations();
      expect(await t.db.showMigrations()).toBe(false);
    } finally {
      await t.close();
    }
  });
});
