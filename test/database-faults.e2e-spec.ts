import { Client } from 'pg';
import request from 'supertest';
import { CuttableProxy } from './support/cuttable-proxy';
import { createLoggedInUser, LoggedInUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

// pg_terminate_backend and a cut connection only exist with a PostgreSQL server;
// the embedded database runs inside the process. CI runs this file on PostgreSQL.
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('database faults (PostgreSQL)', () => {
  const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://localhost');
  const proxy = new CuttableProxy({ host: serverUrl.hostname, port: Number(serverUrl.port || 5432) });
  let t: TestApp;
  let user: LoggedInUser;

  beforeAll(async () => {
    await proxy.open();
    const proxied = new URL(serverUrl);
    proxied.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({ DATABASE_URL: proxied.toString(), DB_POOL_SIZE: '4' });
    user = await createLoggedInUser(t);
  });
  afterAll(async () => {
    await t.close();
    await proxy.cut();
  });

  /** Polls until the feed answers 200; returns how long that took. */
  const recoveryMs = async () => {
    const started = Date.now();
    for (;;) {
      const res = await request(t.server).get('/posts').set(user.auth);
      expect([200, 503]).toContain(res.status);
      if (res.status === 200) return Date.now() - started;
      if (Date.now() - started > 5000) throw new Error('no recovery within 5 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it("survives the termination of all of the app's connections and serves again within 2 s", async () => {
    await Promise.all(Array.from({ length: 8 }, () => request(t.server).get('/posts').set(user.auth).expect(200)));
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    // Every connection to the test database but this one: the app's are all there is. Not by
    // application_name: behind PgBouncer an idle server connection has been reset (DISCARD ALL).
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    const answers = await Promise.all(Array.from({ length: 8 }, () => request(t.server).get('/posts').set(user.auth)));
    for (const res of answers) {
      expect([200, 503]).toContain(res.status);
      if (res.status === 503) expect(res.body).toEqual({ detail: expect.any(String) });
    }
    const ms = await recoveryMs();
    expect(ms).toBeLessThan(2000);
    process.stdout.write(`recovered ${ms} ms after pg_terminate_backend\n`);
  });

  it('answers 503 while the database is unreachable, keeps running, and recovers within 2 s of its return', async () => {
    await proxy.cut();
    const down = await request(t.server).get('/posts').set(user.auth).expect(503);
    expect(down.body).toEqual({ detail: expect.any(String) });
    expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|pg|postgres/i);
    await request(t.server).get('/health/ready').expect(503);
    await request(t.server).get('/health').expect(200);
    await request(t.server).post('/login').type('form').send({ username: user.email, password: user.password }).expect(503);

    await proxy.open();
    const ms = await recoveryMs();
    expect(ms).toBeLessThan(2000);
    await request(t.server).get('/health/ready').expect(200);
    process.stdout.write(`recovered ${ms} ms after the database came back\n`);
  });
});
