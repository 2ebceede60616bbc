import request from 'supertest';
import { createLoggedInUser, createPost, follow, LoggedInUser, useAppWithTwoUsers, vote } from './support/factories';

describe('notifications', () => {
  const s = useAppWithTwoUsers();
  const notifications = async (user: LoggedInUser, query = '') => (await request(s.t.server).get(`/notifications${query}`).set(user.auth).expect(200)).body;
  const unread = async (user: LoggedInUser) => (await request(s.t.server).get('/notifications/unread').set(user.auth).expect(200)).body.count;
  const markRead = (user: LoggedInUser, body: Record<string, unknown> = {}) => request(s.t.server).post('/notifications/read').set(user.auth).send(body);
  const brief = (user: LoggedInUser, followed = false) => ({ id: user.id, username: user.username, display_name: '', followed });
  const comment = (user: LoggedInUser, postId: number, body: Record<string, unknown>) => request(s.t.server).post(`/posts/${postId}/comments`).set(user.auth).send(body).expect(201);

  it('tells you of a vote on your post, newest first, with its actor and post; not of your own', async () => {
    const [owner, voter] = [await createLoggedInUser(s.t), await createLoggedInUser(s.t)];
    const post = await createPost(s.t, owner, { title: 'Vote on me' });
    await vote(s.t, owner, post.id).expect(201);
    await vote(s.t, voter, post.id).expect(201);
    expect(await notifications(owner)).toEqual([
      { id: expect.any(Number), kind: 'vote', actor: brief(voter), post: { id: post.id, title: 'Vote on me' }, comment: null, created_at: expect.any(String), read: false },
    ]);
    expect(await unread(owner)).toBe(1);
  });

  it('takes a vote or a follow back with its notification while unread, not once read', async () => {
    const [owner, fan] = [await createLoggedInUser(s.t), await createLoggedInUser(s.t)];
    const post = await createPost(s.t, owner);
    await vote(s.t, fan, post.id).expect(201);
    await follow(s.t, fan, owner).expect(200);
    expect(await unread(owner)).toBe(2);
    await vote(s.t, fan, post.id, 0).expect(201);
    await follow(s.t, fan, owner, false).expect(200);
    expect(await notifications(owner)).toEqual([]);
    expect(await unread(owner)).toBe(0);
    await request(s.t.server).put(`/posts/${post.id}/vote`).set(fan.auth).expect(200);
    await markRead(owner).expect(204);
    await request(s.t.server).delete(`/posts/${post.id}/vote`).set(fan.auth).expect(200);
    expect((await notifications(owner)).map((n: { kind: string; read: boolean }) => [n.kind, n.read])).toEqual([['vote', true]]);
  });

  it('tells a follow, a comment on your post and a reply to your comment, each once', async () => {
    const [owner, fan, other] = [await createLoggedInUser(s.t), await createLoggedInUser(s.t), await createLoggedInUser(s.t)];
    await follow(s.t, fan, owner).expect(200);
    const post = await createPost(s.t, owner);
    const top = (await comment(fan, post.id, { content: 'first!' })).body;
    // The post's owner is the comment's owner too: one notification, a reply.
    const ownTop = (await comment(owner, post.id, { content: 'thanks' })).body;
    const reply = (await comment(other, post.id, { content: 'me too', reply_to: ownTop.id })).body;
    const toFan = (await comment(other, post.id, { content: 'hi fan', reply_to: top.id })).body;
    const kinds = (user: LoggedInUser) => notifications(user).then((list) => list.map((n: { kind: string; comment: { id: number } | null }) => [n.kind, n.comment?.id ?? null]));
    expect(await kinds(owner)).toEqual([
      ['comment', toFan.id],
      ['reply', reply.id],
      ['comment', top.id],
      ['follow', null],
    ]);
    expect(await kinds(fan)).toEqual([['reply', toFan.id]]);
    expect((await notifications(fan))[0]).toMatchObject({ actor: brief(other), post: { id: post.id }, comment: { id: toFan.id, content: 'hi fan' } });
    // A deleted comment takes its notifications with it.
    await request(s.t.server).delete(`/comments/${toFan.id}`).set(other.auth).expect(204);
    expect(await kinds(fan)).toEqual([]);
  });

  it('pages newest first by cursor, and marks read all or up to an id', async () => {
    const owner = await createLoggedInUser(s.t);
    const fans = await Promise.all([1, 2, 3, 4, 5].map(() => createLoggedInUser(s.t)));
    for (const fan of fans) await follow(s.t, fan, owner).expect(200);
    const all = await notifications(owner);
    expect(all.map((n: { actor: { id: number } }) => n.actor.id)).toEqual(fans.map((f) => f.id).reverse());
    const first = await request(s.t.server).get('/notifications?limit=2').set(owner.auth).expect(200);
    const cursor = first.headers['x-next-cursor'];
    expect(first.headers.link).toBe(`</notifications?limit=2&cursor=${cursor}>; rel="next"`);
    const second = await notifications(owner, `?limit=2&cursor=${cursor}`);
    expect(second.map((n: { id: number }) => n.id)).toEqual(all.slice(2, 4).map((n: { id: number }) => n.id));
    await markRead(owner, { up_to: all[2].id }).expect(204);
    expect(await unread(owner)).toBe(2);
    expect((await notifications(owner)).map((n: { read: boolean }) => n.read)).toEqual([false, false, true, true, true]);
    await markRead(owner).expect(204);
    expect(await unread(owner)).toBe(0);
    await markRead(owner).expect(204);
  });

  it.each([
    ['a string', { up_to: '5' }],
    ['null', { up_to: null }],
    ['a fraction', { up_to: 1.5 }],
  ])('POST /notifications/read answers 422 for up_to as %s', async (_name, body) => {
    const res = await markRead(s.alice, body).expect(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'up_to']);
  });

  it('answers 422 for a bad cursor or limit, and 401 without a token', async () => {
    await request(s.t.server).get('/notifications?cursor=bad').set(s.alice.auth).expect(422);
    await request(s.t.server).get('/notifications?limit=101').set(s.alice.auth).expect(422);
    for (const [method, path] of [['get', '/notifications'], ['get', '/notifications/unread'], ['post', '/notifications/read']] as const) {
      await request(s.t.server)[method](path).expect(401);
    }
  });

  it('keep the unread count exact under racing votes, unvotes and follows', async () => {
    const owner = await createLoggedInUser(s.t);
    const post = await createPost(s.t, owner);
    const fans = await Promise.all(Array.from({ length: 6 }, () => createLoggedInUser(s.t)));
    await Promise.all(
      fans.flatMap((fan, i) => [
        request(s.t.server).put(`/posts/${post.id}/vote`).set(fan.auth),
        request(s.t.server)[i % 2 ? 'delete' : 'put'](`/posts/${post.id}/vote`).set(fan.auth),
        follow(s.t, fan, owner),
        markRead(owner),
      ]),
    );
    expect(await s.t.db.query('SELECT * FROM counter_drift()')).toEqual([]);
    const [{ n }] = await s.t.db.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND NOT read', [owner.id]);
    expect(await unread(owner)).toBe(n);
  });
});
