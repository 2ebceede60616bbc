import request from 'supertest';
import { openStream } from './support/event-stream';
import { createLoggedInUser, createPost, eventually, follow, logIn, bearer } from './support/factories';
import { CuttableProxy } from './support/cuttable-proxy';
import { startTestApp, TestApp } from './support/test-app';

/** Two instances share one database only on a PostgreSQL server (the embedded one is one process). */
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  ['PostgreSQL LISTEN/NOTIFY', {}],
  ['Redis pub/sub', { REDIS_URL: redisUrl }],
])('two instances, events through %s', (_channel, env: Record<string, string>) => {
  onServer('', () => {
    let a: TestApp;
    let b: TestApp;

    beforeAll(async () => {
      a = await startTestApp(env);
      b = await startTestApp(env);
      await eventually(async () => {
        for (const t of [a, b]) expect((await request(t.server).get('/health/ready').expect(200)).body.info.events).toEqual({ status: 'up', channel: 'heard' });
      });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('a post written on B reaches a stream on A; so do votes, comments and notifications', async () => {
      const [reader, author] = await Promise.all([createLoggedInUser(a), createLoggedInUser(a)]);
      await follow(a, reader, author).expect(200);
      const stream = await openStream(a, { headers: reader.auth });
      try {
        const post = await createPost(b, author);
        expect((await stream.next('timeline')).data.Post.id).toBe(post.id);
        await request(b.server).put(`/posts/${post.id}/vote`).set(reader.auth).expect(200);
        await follow(b, author, reader).expect(200);
        expect((await stream.next('notification')).data).toMatchObject({ kind: 'follow', actor: { username: author.username } });
        expect((await stream.next('unread')).data).toEqual({ count: 1 });
      } finally {
        stream.close();
      }
      const postId = (await createPost(a, author)).id;
      const watching = await openStream(a, { path: `/stream?watch=${postId}`, headers: reader.auth });
      try {
        await request(b.server).put(`/posts/${postId}/vote`).set(author.auth).expect(200);
        expect((await watching.next('votes')).data).toEqual({ post_id: postId, votes: 1 });
        await request(b.server).post(`/posts/${postId}/comments`).set(author.auth).send({ content: 'from B' }).expect(201);
        expect((await watching.next('comment')).data).toMatchObject({ post_id: postId, content: 'from B' });
      } finally {
        watching.close();
      }
    });

    it('a session ended on B: its token is refused on A within 1 s, and its stream on A gets session.ended', async () => {
      const user = await createLoggedInUser(a);
      // A has the token's check cached.
      await request(a.server).get('/posts').set(user.auth).expect(200);
      await request(a.server).get('/posts').set(user.auth).expect(200);
      const stream = await openStream(a, { headers: user.auth });
      try {
        await request(b.server).post('/logout').set(user.auth).expect(204);
        const ended = Date.now();
        await eventually(() => request(a.server).get('/posts').set(user.auth).expect(401), 1000);
        expect(Date.now() - ended).toBeLessThan(1000);
        expect((await stream.next('session.ended', 1000)).data).toEqual({});
        await stream.ended;
      } finally {
        stream.close();
      }
    });

    it('a password changed on B refuses the other sessions on A within 1 s; the one that changed it goes on', async () => {
      const user = await createLoggedInUser(a);
      const other = await logIn(a, user);
      await request(a.server).get('/posts').set(bearer(other.access_token)).expect(200);
      await request(b.server).put('/users/me/password').set(user.auth).send({ current_password: user.password, new_password: 'another-password-1' }).expect(204);
      await eventually(() => request(a.server).get('/posts').set(bearer(other.access_token)).expect(401), 1000);
      await request(a.server).get('/posts').set(user.auth).expect(200);
    });

    it('an account deleted on B is refused on A within 1 s', async () => {
      const user = await createLoggedInUser(a);
      await request(a.server).get('/posts').set(user.auth).expect(200);
      await request(b.server).delete('/users/me').set(user.auth).send({ password: user.password }).expect(204);
      await eventually(() => request(a.server).get('/posts').set(user.auth).expect(401), 1000);
    });
  });
});

onServer('the event channel lost', () => {
  it('readiness says so; tokens are checked in the database meanwhile; it is heard again', async () => {
    const direct = new URL(process.env.TEST_DATABASE_LISTEN_URL ?? process.env.TEST_DATABASE_URL!);
    const proxy = new CuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.open();
    const listenUrl = new URL(direct);
    listenUrl.host = `127.0.0.1:${proxy.port}`;
    const a = await startTestApp({ DATABASE_LISTEN_URL: listenUrl.toString() });
    const b = await startTestApp();
    try {
      const user = await createLoggedInUser(a);
      const channel = async () => (await request(a.server).get('/health/ready').expect(200)).body;
      await eventually(async () => expect((await channel()).info.events.channel).toBe('heard'));
      await request(a.server).get('/posts').set(user.auth).expect(200);
      await proxy.cut();
      await eventually(async () => expect(await channel()).toMatchObject({ status: 'ok', info: { events: { status: 'up', channel: 'lost', reason: expect.any(String), since: expect.any(String) } } }));
      // B's log-out cannot reach A, whose cache therefore stands aside: the database says no.
      await request(b.server).post('/logout').set(user.auth).expect(204);
      await request(a.server).get('/posts').set(user.auth).expect(401);
      await proxy.open();
      await eventually(async () => expect((await channel()).info.events.channel).toBe('heard'), 8000);
    } finally {
      await a.close();
      await b.close();
      await proxy.cut();
    }
  });
});
