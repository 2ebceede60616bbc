import type { CanActivate } from '@nestjs/common';
import request from 'supertest';
import { openStream, sleep } from './support/event-stream';
import { createLoggedInUser, createPost, follow, logIn, LoggedInUser, bearer, eventually } from './support/factories';
import { JwtAuthGuard } from '../src/auth/jwt-auth.guard';
import { StreamsService } from '../src/stream/streams.service';
import { startTestApp, TestApp } from './support/test-app';

describe('GET /stream (Server-Sent Events)', () => {
  let t: TestApp;
  let alice: LoggedInUser;
  let bob: LoggedInUser;

  beforeAll(async () => {
    // Request lines at info (the stream's own), captured: the first app of the file.
    t = await startTestApp({ STREAM_HEARTBEAT_SECONDS: '1', LOG_LEVEL: 'info', CORS_ORIGINS: 'https://app.example' }, { captureLogs: true });
    [alice, bob] = await Promise.all([createLoggedInUser(t), createLoggedInUser(t)]);
    await follow(t, alice, bob).expect(200);
  });
  afterAll(() => t.close());

  describe('opening', () => {
    it('needs a token or a ticket', async () => {
      const res = await request(t.server).get('/stream').expect(401);
      expect(res.body).toEqual({ detail: 'Not authenticated' });
      await request(t.server).get('/stream').set(bearer('not.a.token')).expect(401);
    });

    // GET /stream is served ahead of the router (src/stream/stream-route.ts); `/stream/` still goes through it.
    it('answers as every route does, ahead of the router or through it: request id, security and CORS headers, the same refusals', async () => {
      for (const [path, tag] of [['/stream', 'direct'], ['/stream/', 'routed']]) {
        const refused = await request(t.server).get(`${path}?watch=1`).set('Origin', 'https://app.example').set('X-Request-Id', `refused-${tag}`).expect(401);
        expect(refused.body).toEqual({ detail: 'Not authenticated' });
        expect(refused.headers).toMatchObject({
          'www-authenticate': 'Bearer',
          'x-request-id': `refused-${tag}`,
          'access-control-allow-origin': 'https://app.example',
          'x-content-type-options': 'nosniff',
          'content-type': 'application/json; charset=utf-8',
        });
        expect(refused.headers['access-control-expose-headers']).toContain('X-Request-Id');
        const invalid = await request(t.server).get(`${path}?watch=x`).set(alice.auth).expect(422);
        expect(invalid.body.detail[0]).toMatchObject({ loc: ['query', 'watch'] });
        const stream = await openStream(t, { path, headers: { ...alice.auth, Origin: 'https://app.example', 'X-Request-Id': `opened-${tag}` } });
        stream.close();
        expect(stream.status).toBe(200);
        expect(stream.headers).toMatchObject({ 'x-request-id': `opened-${tag}`, 'access-control-allow-origin': 'https://app.example', 'x-frame-options': 'SAMEORIGIN' });
      }
    });

    // The token's guard (APP_GUARD) is the one left out: on this route it defers to StreamAuthGuard (@AuthenticatedBy).
    it('runs the global guards of the app ahead of the router too, as through it', async () => {
      const all = (t.app as unknown as { config: { getGlobalGuards(): CanActivate[] } }).config.getGlobalGuards();
      const globalGuards = all.filter((guard) => guard.constructor !== JwtAuthGuard);
      expect(globalGuards.length).toBe(all.length - 1);
      const spies = globalGuards.map((guard) => jest.spyOn(guard, 'canActivate'));
      try {
        await request(t.server).get('/stream?ticket=expired').expect(401);
        expect(spies.map((spy) => spy.mock.calls.length)).toEqual(globalGuards.map(() => 1));
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    });

    it('writes one request line when a stream ends, as for any request, and a warning line for a refusal', async () => {
      const stream = await openStream(t, { headers: { ...alice.auth, 'X-Request-Id': 'stream-line' } });
      await sleep(50);
      expect(t.logs.filter((line) => line.reqId === 'stream-line')).toEqual([]);
      stream.close();
      const [line] = await eventually(async () => {
        const lines = t.logs.filter((l) => l.reqId === 'stream-line');
        expect(lines).toHaveLength(1);
        return lines;
      });
      expect(line).toMatchObject({ level: 30, req: { id: 'stream-line', method: 'GET', path: '/stream' }, res: { status: 200 }, msg: expect.stringMatching(/^GET \/stream 200 \d+ms$/) });
      expect(line.responseTime).toBeGreaterThanOrEqual(50);
      await request(t.server).get('/stream?ticket=nope').set('X-Request-Id', 'stream-refused').expect(401);
      const refused = await eventually(async () => {
        const lines = t.logs.filter((l) => l.reqId === 'stream-refused');
        expect(lines).toHaveLength(1);
        return lines[0];
      });
      expect(refused).toMatchObject({ level: 40, req: { path: '/stream' }, res: { status: 401 }, msg: expect.stringMatching(/^GET \/stream 401 \d+ms$/) });
      // Neither the ticket nor the query string reaches a line.
      expect(JSON.stringify(t.logs)).not.toContain('nope');
    });

    it('answers text/event-stream, unbuffered, and a heartbeat comment line every STREAM_HEARTBEAT_SECONDS', async () => {
      const stream = await openStream(t, { headers: alice.auth });
      try {
        expect(stream.status).toBe(200);
        expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
        expect(stream.headers['x-accel-buffering']).toBe('no');
        await eventually(async () => expect(stream.comments).toContain('heartbeat'), 3000);
      } finally {
        stream.close();
      }
    });

    it('takes a single-use ticket from POST /stream/tickets (for EventSource)', async () => {
      const res = await request(t.server).post('/stream/tickets').set(alice.auth).expect(201);
      expect(res.body).toEqual({ ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expires_in: 30 });
      const stream = await openStream(t, { path: `/stream?ticket=${res.body.ticket}` });
      stream.close();
      expect(stream.status).toBe(200);
      const again = await openStream(t, { path: `/stream?ticket=${res.body.ticket}` });
      expect(again.status).toBe(401);
      expect(await again.body()).toEqual({ detail: 'Invalid or expired ticket' });
      await request(t.server).get('/stream?ticket=made-up').expect(401);
      await request(t.server).get('/stream?ticket=a&ticket=b').expect(401);
      await request(t.server).post('/stream/tickets').expect(401);
    });

    it('a stream opened with a ticket belongs to the session that asked for it: it ends with it', async () => {
      const user = await createLoggedInUser(t);
      const { body } = await request(t.server).post('/stream/tickets').set(user.auth).expect(201);
      const stream = await openStream(t, { path: `/stream?ticket=${body.ticket}` });
      await request(t.server).post('/logout').set(user.auth).expect(204);
      expect((await stream.next('session.ended')).data).toEqual({});
      await stream.ended;
    });

    it('refuses a ticket past its 30 seconds', async () => {
      const { body } = await request(t.server).post('/stream/tickets').set(alice.auth).expect(201);
      await t.db.query(`UPDATE stream_tickets SET expires_at = now() - interval '1 second'`);
      await request(t.server).get(`/stream?ticket=${body.ticket}`).expect(401);
    });

    it.each([['abc'], ['1,,2'], ['-1'], ['2147483648'], [Array.from({ length: 201 }, (_, i) => i + 1).join(',')]])('answers 422 for watch=%s', async (watch) => {
      const res = await request(t.server).get(`/stream?watch=${watch}`).set(alice.auth).expect(422);
      expect(res.body.detail[0].loc).toEqual(['query', 'watch']);
    });
  });

  describe('events', () => {
    it('timeline: a post by someone the user follows, with an id; not a draft, not a stranger', async () => {
      const carol = await createLoggedInUser(t);
      const stream = await openStream(t, { headers: alice.auth });
      try {
        await createPost(t, carol, { title: 'stranger' });
        await createPost(t, bob, { title: 'draft', published: false });
        const post = await createPost(t, bob, { title: 'followed' });
        const event = await stream.next('timeline');
        expect(event.data).toMatchObject({ Post: { id: post.id, title: 'followed', owner: { username: bob.username } }, votes: 0, voted: false, comments: 0 });
        expect(event.id).toMatch(/^\d+\.\d+$/);
        expect(stream.named('timeline')).toHaveLength(1);
      } finally {
        stream.close();
      }
    });

    it('post.updated and post.deleted for posts in the timeline; a draft again is gone for others', async () => {
      const post = await createPost(t, bob);
      const stream = await openStream(t, { headers: alice.auth });
      try {
        await request(t.server).patch(`/posts/${post.id}`).set(bob.auth).send({ title: 'edited' }).expect(200);
        expect((await stream.next('post.updated')).data).toMatchObject({ Post: { id: post.id, title: 'edited' } });
        await request(t.server).patch(`/posts/${post.id}`).set(bob.auth).send({ published: false }).expect(200);
        expect((await stream.next('post.deleted')).data).toEqual({ id: post.id });
        // The draft's edits and deletion are nobody else's business.
        await request(t.server).patch(`/posts/${post.id}`).set(bob.auth).send({ title: 'draft edit' }).expect(200);
        await request(t.server).delete(`/posts/${post.id}`).set(bob.auth).expect(204);
        const other = await createPost(t, bob);
        await stream.next('timeline');
        await request(t.server).delete(`/posts/${other.id}`).set(bob.auth).expect(204);
        expect((await stream.next('post.deleted')).data).toEqual({ id: other.id });
        expect(stream.named('post.deleted')).toHaveLength(2);
        expect(stream.named('post.updated')).toHaveLength(1);
      } finally {
        stream.close();
      }
    });

    it('votes on a watched post: at most 4 a second, the last with the final count; voted is the viewer own', async () => {
      const post = await createPost(t, bob);
      const voters = await Promise.all(Array.from({ length: 12 }, () => createLoggedInUser(t)));
      const stream = await openStream(t, { path: `/stream?watch=${post.id}`, headers: alice.auth });
      try {
        await Promise.all(voters.map((v) => request(t.server).put(`/posts/${post.id}/vote`).set(v.auth).expect(200)));
        await eventually(async () => expect(stream.named('votes').at(-1)?.data).toEqual({ post_id: post.id, votes: 12 }), 3000);
        // No second, wherever it starts, holds more than 4.
        const times = stream.named('votes').map((e) => e.at);
        expect(Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length))).toBeLessThanOrEqual(4);
        await request(t.server).put(`/posts/${post.id}/vote`).set(alice.auth).expect(200);
        await eventually(async () => expect(stream.named('votes').at(-1)?.data).toEqual({ post_id: post.id, votes: 13 }), 3000);
      } finally {
        stream.close();
      }
    });

    it('comment on a watched post; not for a post not watched', async () => {
      const [watched, other] = await Promise.all([createPost(t, bob), createPost(t, bob)]);
      const stream = await openStream(t, { path: `/stream?watch=${watched.id}`, headers: alice.auth });
      try {
        await request(t.server).post(`/posts/${other.id}/comments`).set(bob.auth).send({ content: 'elsewhere' }).expect(201);
        const res = await request(t.server).post(`/posts/${watched.id}/comments`).set(bob.auth).send({ content: 'hello' }).expect(201);
        expect((await stream.next('comment')).data).toEqual(res.body);
        expect(stream.named('comment')).toHaveLength(1);
      } finally {
        stream.close();
      }
    });

    it('post.updated for a watched post by someone the user does not follow', async () => {
      const carol = await createLoggedInUser(t);
      const post = await createPost(t, carol);
      const stream = await openStream(t, { path: `/stream?watch=${post.id}`, headers: alice.auth });
      try {
        await request(t.server).patch(`/posts/${post.id}`).set(carol.auth).send({ title: 'watched edit' }).expect(200);
        expect((await stream.next('post.updated')).data).toMatchObject({ Post: { id: post.id, title: 'watched edit' }, voted: false });
        expect(stream.named('timeline')).toEqual([]);
      } finally {
        stream.close();
      }
    });

    it('sends nothing of a user across a block: a comment of theirs on a watched post is not sent', async () => {
      const [carol, post] = [await createLoggedInUser(t), await createPost(t, bob)];
      await request(t.server).put(`/profiles/${carol.username}/block`).set(alice.auth).expect(200);
      const stream = await openStream(t, { path: `/stream?watch=${post.id}`, headers: alice.auth });
      try {
        await request(t.server).post(`/posts/${post.id}/comments`).set(carol.auth).send({ content: 'blocked' }).expect(201);
        await request(t.server).post(`/posts/${post.id}/comments`).set(bob.auth).send({ content: 'after' }).expect(201);
        // In order on the stream: the second arriving alone shows the first was left out.
        expect((await stream.next('comment')).data.content).toBe('after');
        expect(stream.named('comment')).toHaveLength(1);
      } finally {
        stream.close();
        await request(t.server).delete(`/profiles/${carol.username}/block`).set(alice.auth).expect(200);
      }
    });

    it('does not watch a post the user cannot read', async () => {
      const draft = await createPost(t, bob, { published: false });
      const stream = await openStream(t, { path: `/stream?watch=${draft.id}`, headers: alice.auth });
      try {
        await request(t.server).post(`/posts/${draft.id}/comments`).set(bob.auth).send({ content: 'secret' }).expect(201);
        await request(t.server).put(`/posts/${draft.id}/vote`).set(bob.auth).expect(200);
        await sleep(500);
        expect(stream.events).toEqual([]);
      } finally {
        stream.close();
      }
    });

    it('notification, then unread with the count; marking read sends unread again', async () => {
      const dave = await createLoggedInUser(t);
      const stream = await openStream(t, { headers: dave.auth });
      try {
        await follow(t, bob, dave).expect(200);
        const notification = await stream.next('notification');
        expect(notification.data).toMatchObject({ kind: 'follow', actor: { username: bob.username }, read: false });
        expect(notification.id).toMatch(/^\d+\.\d+$/);
        expect((await stream.next('unread')).data).toEqual({ count: 1 });
        await request(t.server).post('/notifications/read').set(dave.auth).send({}).expect(204);
        expect((await stream.next('unread')).data).toEqual({ count: 0 });
      } finally {
        stream.close();
      }
    });

    it('session.ended when the stream session ends elsewhere, and the stream closes; other sessions stream on', async () => {
      const erin = await createLoggedInUser(t);
      const other = await logIn(t, erin);
      const [ending, staying] = await Promise.all([openStream(t, { headers: erin.auth }), openStream(t, { headers: bearer(other.access_token) })]);
      try {
        await request(t.server).post('/logout').set(erin.auth).expect(204);
        expect((await ending.next('session.ended')).data).toEqual({});
        await ending.ended;
        // The token is refused at once on the instance that ended it.
        await request(t.server).get('/posts').set(erin.auth).expect(401);
        await sleep(200);
        expect(staying.named('session.ended')).toEqual([]);
        await request(t.server).get('/posts').set(bearer(other.access_token)).expect(200);
      } finally {
        ending.close();
        staying.close();
      }
    });
  });

  describe('Last-Event-ID', () => {
    /** A new follower of bob whose stream was sent one of bob's posts, then closed: the id it got. */
    const readerWhoSawOnePost = async (): Promise<[LoggedInUser, string]> => {
      const reader = await createLoggedInUser(t);
      await follow(t, reader, bob).expect(200);
      const first = await openStream(t, { headers: reader.auth });
      await createPost(t, bob, { title: 'seen' });
      const seen = await first.next('timeline');
      first.close();
      return [reader, seen.id!];
    };

    it('replays the timeline posts and notifications missed, in order, none twice', async () => {
      const [frank, seenId] = await readerWhoSawOnePost();
      const missed = [await createPost(t, bob, { title: 'missed 1' }), await createPost(t, bob, { title: 'missed 2' })];
      await follow(t, alice, frank).expect(200);
      const again = await openStream(t, { headers: { ...frank.auth, 'Last-Event-ID': seenId } });
      try {
        await again.next('unread');
        expect(again.named('timeline').map((e) => e.data.Post.id)).toEqual(missed.map((p) => p.id));
        expect(again.named('notification').map((e) => [e.data.kind, e.data.actor.username])).toEqual([['follow', alice.username]]);
        const ids = again.events.filter((e) => e.id).map((e) => e.id!);
        expect(new Set(ids).size).toBe(ids.length);
        // Live events follow from where the replay left.
        const live = await createPost(t, bob, { title: 'live' });
        await eventually(async () => expect(again.named('timeline').map((e) => e.data.Post.id)).toEqual([...missed.map((p) => p.id), live.id]));
      } finally {
        again.close();
      }
    });

    it('an id it did not give starts from now: nothing made before it is replayed', async () => {
      const [reader, seenId] = await readerWhoSawOnePost();
      await createPost(t, bob, { title: 'missed' });
      await follow(t, alice, reader).expect(200);
      const [made, valid] = await Promise.all([
        openStream(t, { headers: { ...reader.auth, 'Last-Event-ID': 'nonsense' } }),
        openStream(t, { headers: { ...reader.auth, 'Last-Event-ID': seenId } }),
      ]);
      try {
        // The same missed post and notification, replayed for the id it gave, not for the other.
        await valid.next('unread');
        expect(valid.named('timeline').map((e) => e.data.Post.title)).toEqual(['missed']);
        expect(valid.named('notification')).toHaveLength(1);
        expect(made.status).toBe(200);
        expect(made.events).toEqual([]);
      } finally {
        made.close();
        valid.close();
      }
    });

    it('replays no further back than 24 hours', async () => {
      const [reader, seenId] = await readerWhoSawOnePost();
      const old = await createPost(t, bob, { title: 'a day old' });
      await follow(t, alice, reader).expect(200);
      await t.db.query(`UPDATE posts SET created_at = now() - interval '25 hours' WHERE id = $1`, [old.id]);
      await t.db.query(`UPDATE notifications SET created_at = now() - interval '25 hours' WHERE user_id = $1`, [reader.id]);
      const fresh = await createPost(t, bob, { title: 'fresh' });
      const again = await openStream(t, { headers: { ...reader.auth, 'Last-Event-ID': seenId } });
      try {
        expect((await again.next('unread')).data).toEqual({ count: 1 });
        expect(again.named('timeline').map((e) => e.data.Post.id)).toEqual([fresh.id]);
        expect(again.named('notification')).toEqual([]);
      } finally {
        again.close();
      }
    });
  });
});

describe('stream limits and shutdown', () => {
  it('STREAMS_PER_USER: one more closes the user oldest', async () => {
    const t = await startTestApp({ STREAMS_PER_USER: '2' });
    try {
      const user = await createLoggedInUser(t);
      const [first, second] = [await openStream(t, { headers: user.auth }), await openStream(t, { headers: user.auth })];
      const third = await openStream(t, { headers: user.auth });
      await first.ended;
      expect(first.retry).toBe(60000);
      expect([second.status, third.status]).toEqual([200, 200]);
      expect(second.response.complete).toBe(false);
      second.close();
      third.close();
    } finally {
      await t.close();
    }
  });

  it('STREAMS_PER_PROCESS: past it, 503 with Retry-After', async () => {
    const t = await startTestApp({ STREAMS_PER_PROCESS: '1' });
    try {
      const user = await createLoggedInUser(t);
      const first = await openStream(t, { headers: user.auth });
      const res = await request(t.server).get('/stream').set(user.auth).expect(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toEqual({ detail: 'Too many open streams' });
      first.close();
    } finally {
      await t.close();
    }
  });

  it('on shutdown, streams get a retry: and close', async () => {
    const t = await startTestApp();
    const user = await createLoggedInUser(t);
    const stream = await openStream(t, { headers: user.auth });
    await t.close();
    await stream.ended;
    expect(stream.retry).toBe(1000);
  });

  it('drops a client that does not read before its buffer passes STREAM_BUFFER_BYTES', async () => {
    const t = await startTestApp({ STREAM_BUFFER_BYTES: '65536' });
    try {
      const [reader, author] = await Promise.all([createLoggedInUser(t), createLoggedInUser(t)]);
      await follow(t, reader, author).expect(200);
      const stream = await openStream(t, { headers: reader.auth });
      stream.response.pause();
      stream.response.socket.pause();
      const big = 'x'.repeat(20000);
      const streams = t.app.get(StreamsService);
      expect(streams.size).toBe(1);
      // Each post is a ~20 KB event; the kernel's socket buffers (megabytes) fill before the stream's own grows.
      // The client, not reading, does not see the end either: the server's count of streams tells.
      for (let i = 0; i < 1000 && streams.size > 0; i++) await createPost(t, author, { content: big });
      expect(streams.size).toBe(0);
      stream.close();
    } finally {
      await t.close();
    }
  });
});
