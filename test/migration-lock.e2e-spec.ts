import { Client } from 'pg';
import { migrations } from '../migrations';
import { ServerProcess, startServer } from './support/server-process';

// Several processes on one database need a PostgreSQL server (an embedded database
// belongs to one process). CI runs this file on PostgreSQL, directly and through PgBouncer.
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('instances starting at the same moment on a fresh database (PostgreSQL)', () => {
  const testUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://h/db');
  // CREATE and DROP DATABASE go to the server itself, never through a pooler.
  const adminUrl = process.env.PG_ADMIN_URL ?? Object.assign(new URL(testUrl), { pathname: '/postgres' }).toString();
  const db = `social_api_lock_${process.pid}_${Date.now()}`;
  const dbUrl = Object.assign(new URL(testUrl), { pathname: `/${db}` }).toString();
  const admin = new Client({ connectionString: adminUrl });
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  });

  it('all come up, with every migration applied exactly once and none failed', async () => {
    const instances = 4;
    // "The same moment", made exact: the test locks the (empty) migrations table, so every
    // instance stops where it would read it; the lock is released once all of them wait.
    const holder = new Client({ connectionString: Object.assign(new URL(adminUrl), { pathname: `/${db}` }).toString() });
    await holder.connect();
    await holder.query(`CREATE TABLE migrations (id serial PRIMARY KEY, timestamp bigint NOT NULL, name varchar NOT NULL)`);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE migrations IN ACCESS EXCLUSIVE MODE');
    const starting = Promise.allSettled(Array.from({ length: instances }, () => startServer({ DATABASE_URL: dbUrl })));
    const waiting = async () =>
      (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [db])).rows[0].n;
    const started = Date.now();
    while ((await waiting()) < instances) {
      if (Date.now() - started > 60_000) throw new Error('the instances did not all reach the migrations within 60 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    await holder.query('COMMIT');
    await holder.end();

    const starts = await starting;
    servers = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(starts.filter((s) => s.status === 'rejected')).toEqual([]);
    for (const server of servers) {
      // Nest's TypeORM module retries a failed start 3 s later; a failed migration shows here.
      expect(server.stdout() + server.stderr()).not.toMatch(/Unable to connect to the database|Migration .* failed/);
    }

    const client = new Client({ connectionString: dbUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; times: number }>(`SELECT name, count(*)::int AS times FROM migrations GROUP BY name ORDER BY name`);
      expect(rows).toEqual(migrations.map((m) => ({ name: m.name, times: 1 })).sort((a, b) => a.name.localeCompare(b.name)));
    } finally {
      await client.end();
    }
  }, 120_000);
});
