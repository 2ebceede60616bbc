import { Client } from 'pg';
import request from 'supertest';
import { CuttableProxy } from './support/cuttable-proxy';
import { createLoggedInUser, createPost, LoggedInUser } from './support/factories';
import { recordStatements } from './support/sql-statements';
import { startTestApp, TestApp } from './support/test-app';

// A real streaming replica of TEST_DATABASE_URL's server (scripts/start-replica.sh; .ci/run
// exports TEST_REPLICA_URL). It replicates the whole cluster, so the test database is there too.
const primaryUrl = process.env.TEST_DATABASE_URL;
const replicaServerUrl = process.env.TEST_REPLICA_URL;
const withReplica = primaryUrl && replicaServerUrl ? describe : describe.skip;

withReplica('read replicas (PostgreSQL streaming replica)', () => {
  const primaryPort = Number(new URL(primaryUrl ?? 'postgres://h').port || 5432);
  const replicaServer = new URL(replicaServerUrl ?? 'postgres://h');
  /** The test database on the replica. */
  const replicaDbUrl = (() => {
    const url = new URL(replicaServer);
    url.pathname = new URL(primaryUrl ?? 'postgres://h').pathname;
    return url.toString();
  })();
  const replicaPort = Number(replicaServer.port || 5432);
  let admin: Client;

  const pauseReplay = async () => {
    await admin.query('SELECT pg_wal_replay_pause()');
    while ((await admin.query(`SELECT pg_get_wal_replay_pause_state() AS s`)).rows[0].s !== 'paused') await sleep(10);
  };
  const resumeReplay = () => admin.query('SELECT pg_wal_replay_resume()');

  beforeAll(async () => {
    admin = new Client({ connectionString: replicaServer.toString() });
    await admin.connect();
  });
  afterAll(async () => {
    // Other suites never notice: the replica replays again and catches up.
    await resumeReplay();
    await admin.end();
  });

  /** The servers (ports) a request's SQL went to, without the background lag checks. */
  async function serversOf(send: () => PromiseLike<request.Response>): Promise<{ res: request.Response; ports: Set<number>; byPort: Map<number, string[]> }> {
    const { result: res, statements, servers } = await recordStatements(send);
    const byPort = new Map<number, string[]>();
    statements.forEach((sql, i) => {
      if (/pg_current_wal_lsn|pg_last_wal_replay_lsn/.test(sql)) return;
      byPort.set(servers[i], [...(byPort.get(servers[i]) ?? []), sql]);
    });
    return { res, ports: new Set(byPort.keys()), byPort };
  }

  /** Waits until the app's first lag checks have found the replica caught up. */
  async function untilServedBy(port: number, reader: LoggedInUser, t: TestApp): Promise<void> {
    const started = Date.now();
    while (!(await serversOf(() => request(t.server).get('/posts').set(reader.auth).expect(200))).ports.has(port)) {
      if (Date.now() - started > 5000) throw new Error(`reads not served by port ${port} within 5 s`);
      await sleep(50);
    }
  }

  describe('with a caught-up replica', () => {
    let t: TestApp;
    let alice: LoggedInUser;
    let bob: LoggedInUser;
    beforeAll(async () => {
      t = await startTestApp({ DATABASE_REPLICA_URLS: replicaDbUrl, REPLICA_STICKY_SECONDS: '60', REPLICA_MAX_LAG_SECONDS: '30' });
      [alice, bob] = await Promise.all([createLoggedInUser(t), createLoggedInUser(t)]);
    });
    afterAll(() => t.close());

    it('serves the feed, search and a post from the replica; the token, login and writes from the primary', async () => {
      const post = await createPost(t, alice, { title: 'replicated words' });
      await untilServedBy(replicaPort, bob, t);

      for (const path of ['/posts', '/posts?search=replicated', `/posts/${post.id}`]) {
        // A token is checked on the primary the first time it is used, then remembered (src/sessions/session-cache.ts).
        const reader = await createLoggedInUser(t);
        for (const primary of [[expect.stringMatching(/FROM users/)], undefined]) {
          const { res, byPort } = await serversOf(() => request(t.server).get(path).set(reader.auth).expect(200));
          expect(JSON.stringify(res.body)).toContain('replicated words');
          expect(byPort.get(replicaPort)?.every((sql) => /FROM posts/.test(sql))).toBe(true);
          expect(byPort.get(primaryPort)).toEqual(primary);
        }
      }

      const login = await serversOf(() => request(t.server).post('/login').type('form').send({ username: bob.email, password: bob.password }).expect(200));
      const write = await serversOf(() => request(t.server).post('/vote').set(bob.auth).send({ post_id: post.id, dir: 1 }).expect(201));
      expect([...login.ports, ...write.ports]).toEqual(expect.arrayContaining([primaryPort]));
      expect([...login.ports, ...write.ports]).not.toContain(replicaPort);
    });

    it("reads a writer's own writes from the primary within REPLICA_STICKY_SECONDS, while others read the replica", async () => {
      // Bob voted above, so he reads the primary for a minute: a reader who never wrote.
      const carol = await createLoggedInUser(t);
      await pauseReplay();
      try {
        const post = await createPost(t, alice, { title: 'not replayed yet' });
        // The replica has not replayed the post: a reader it serves does not see it yet.
        await request(t.server).get(`/posts/${post.id}`).set(carol.auth).expect(404);
        expect((await request(t.server).get('/posts').set(carol.auth).expect(200)).body.map((p: { Post: { id: number } }) => p.Post.id)).not.toContain(post.id);
        // Its author, who just wrote, reads the primary.
        await request(t.server).get(`/posts/${post.id}`).set(alice.auth).expect(200);
        expect((await request(t.server).get('/posts').set(alice.auth).expect(200)).body[0].Post.id).toBe(post.id);

        await resumeReplay();
        const started = Date.now();
        while ((await request(t.server).get(`/posts/${post.id}`).set(carol.auth)).status !== 200) {
          if (Date.now() - started > 5000) throw new Error('the replica did not catch up within 5 s');
          await sleep(20);
        }
      } finally {
        await resumeReplay();
      }
    });
  });

  it('skips a replica more than REPLICA_MAX_LAG_SECONDS behind, and uses it again once it catches up', async () => {
    const t = await startTestApp({ DATABASE_REPLICA_URLS: replicaDbUrl, REPLICA_STICKY_SECONDS: '2', REPLICA_MAX_LAG_SECONDS: '1' });
    try {
      const [alice, bob] = await Promise.all([createLoggedInUser(t), createLoggedInUser(t)]);
      await untilServedBy(replicaPort, bob, t);
      await pauseReplay();
      const post = await createPost(t, alice);
      // The replica never gets the post while paused: only skipping it shows the post to bob.
      const started = Date.now();
      let read;
      do {
        await sleep(100);
        read = await serversOf(() => request(t.server).get(`/posts/${post.id}`).set(bob.auth));
        if (Date.now() - started > 5000) throw new Error('the lagging replica was not skipped within 5 s');
      } while (read.res.status !== 200);
      expect(read.ports).toEqual(new Set([primaryPort]));
      process.stdout.write(`lagging replica skipped after ${Date.now() - started} ms\n`);

      await resumeReplay();
      await untilServedBy(replicaPort, bob, t);
    } finally {
      await resumeReplay();
      await t.close();
    }
  });

  it('serves reads from the primary at once when the replica stops, and from the replica again when it is back', async () => {
    const proxy = new CuttableProxy({ host: replicaServer.hostname, port: replicaPort });
    await proxy.open();
    const viaProxy = new URL(replicaDbUrl);
    viaProxy.port = String(proxy.port);
    const t = await startTestApp({ DATABASE_REPLICA_URLS: viaProxy.toString() });
    try {
      const bob = await createLoggedInUser(t);
      await untilServedBy(proxy.port, bob, t);
      await proxy.cut();
      for (let i = 0; i < 5; i++) {
        const { ports } = await serversOf(() => request(t.server).get('/posts').set(bob.auth).expect(200));
        expect(ports).toEqual(new Set([primaryPort]));
      }
      await proxy.open();
      await untilServedBy(proxy.port, bob, t);
    } finally {
      await t.close();
      await proxy.cut();
    }
  });

  it('answers a write that reaches a read-only server with 503, not 500', async () => {
    const t = await startTestApp();
    const user = await createLoggedInUser(t);
    await t.close();
    // DATABASE_URL pointing at the standby, as after a failover that left the app behind.
    const onStandby = await startTestApp({ DATABASE_URL: replicaDbUrl, RUN_MIGRATIONS: 'false' });
    try {
      // The session opened on the primary reaches the standby by replication.
      let me;
      const started = Date.now();
      while ((me = await request(onStandby.server).get('/users/me').set(user.auth)).status !== 200) {
        if (Date.now() - started > 5000) throw new Error(`token on the standby: ${me.status}`);
        await sleep(20);
      }
      const auth = user.auth;
      const write = await request(onStandby.server).post('/posts').set(auth).send({ title: 't', content: 'c' }).expect(503);
      expect(write.body).toEqual({ detail: 'Service temporarily unavailable, try again shortly' });
      await request(onStandby.server).post('/users').send({ email: 'standby@example.com', password: 'password123' }).expect(503);
      // A login opens a session: a write too.
      await request(onStandby.server).post('/login').type('form').send({ username: user.email, password: user.password }).expect(503);
      await request(onStandby.server).get('/posts').set(auth).expect(200);
    } finally {
      await onStandby.close();
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
