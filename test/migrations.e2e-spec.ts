import { migrations } from '../migrations';
import { startTestApp, TestApp } from './support/test-app';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  /** What the entities say the schema holds: their tables, and the indexes they name. */
  const expected = () => ({
    tables: t.db.entityMetadatas.map((m) => m.tableName).sort(),
    indexes: t.db.entityMetadatas.flatMap((m) => m.indices.map((i) => i.name)).sort(),
  });
  const tables = async () =>
    (
      await t.db.query<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY($1) ORDER BY 1`, [
        expected().tables,
      ])
    ).map((r) => r.tablename);

  it('were applied on start, and revert and re-apply cleanly', async () => {
    expect(expected().tables.length).toBeGreaterThan(0);
    expect(await tables()).toEqual(expected().tables);
    expect(await t.db.showMigrations()).toBe(false);
    for (let i = 0; i < migrations.length; i++) await t.db.undoLastMigration();
    expect(await tables()).toEqual([]);
    await t.db.runMigrations();
    expect(await tables()).toEqual(expected().tables);
  });

  it('create every index the entities name, including those only a migration can describe', async () => {
    const indexes = (await t.db.query<{ indexname: string }[]>(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`)).map((r) => r.indexname);
    expect(expected().indexes.length).toBeGreaterThan(0);
    expect(indexes).toEqual(expect.arrayContaining(expected().indexes));
  });

  it('let the database enforce keys, checks and cascades', async () => {
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
