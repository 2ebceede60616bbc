import { startTestApp, TestApp } from './support/test-app';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const tables = async () =>
    (await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('users', 'posts', 'votes') ORDER BY 1`)).map(
      (r: { tablename: string }) => r.tablename,
    );

  it('were applied on start, and revert and re-apply cleanly', async () => {
    expect(await tables()).toEqual(['posts', 'users', 'votes']);
    expect(await t.db.showMigrations()).toBe(false);
    await t.db.undoLastMigration();
    await t.db.undoLastMigration();
    expect(await tables()).toEqual([]);
    await t.db.runMigrations();
    expect(await tables()).toEqual(['posts', 'users', 'votes']);
  });

  it('let the database enforce keys, cascades and the indexes the feed reads through', async () => {
    const indexes = (await t.db.query(`SELECT indexname FROM pg_indexes WHERE tablename IN ('posts', 'votes')`)).map((r: { indexname: string }) => r.indexname);
    expect(indexes).toEqual(expect.arrayContaining(['posts_owner_id_idx', 'posts_feed_idx', 'posts_title_trgm_idx', 'votes_post_id_idx', 'votes_pkey']));
    await expect(t.db.query(`INSERT INTO users (email, password) VALUES ('UPPER@example.com', 'x')`)).rejects.toMatchObject({ code: '23514' });
    await expect(t.db.query(`INSERT INTO posts (title, content, owner_id) VALUES ('t', 'c', 2000000000)`)).rejects.toMatchObject({ code: '23503' });
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
