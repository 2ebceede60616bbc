import request from 'supertest';
import { createLoggedInUser, createPost, useAppWithTwoUsers, vote } from './support/factories';
import { recordStatements } from './support/sql-statements';

/**
 * How many SQL statements each kind of request may run. The token check (the
 * token's user) is one the first time a token is used, and none after while the event
 * channel is heard (src/sessions/session-cache.ts); the tests' users have used theirs.
 * Access checks ride in the statement that reads or writes the post, never in a
 * statement of their own. A write that other instances must hear of publishes it, in
 * one more statement (counted apart).
 */
describe('SQL statements per request', () => {
  const s = useAppWithTwoUsers();

  const count = async (send: () => request.Test, status: number) => {
    const { result, statements } = await recordStatements(() => send());
    expect(result.status).toBe(status);
    return statements.length;
  };

  it('checks a token in one statement, then from memory', async () => {
    const carol = await createLoggedInUser(s.t);
    expect(await count(() => request(s.t.server).get('/users/me').set(carol.auth), 200)).toBe(1);
    expect(await count(() => request(s.t.server).get('/users/me').set(carol.auth), 200)).toBe(0);
  });

  it('publishes a write the other instances must hear in one statement, and nothing for a refused one', async () => {
    const published = async (send: () => request.Test, status: number) => {
      const { result, published } = await recordStatements(() => send());
      expect(result.status).toBe(status);
      return published;
    };
    const body = { title: 'heard', content: 'everywhere' };
    const post = (await request(s.t.server).post('/posts').set(s.alice.auth).send(body).expect(201)).body;
    expect(await published(() => request(s.t.server).post('/posts').set(s.alice.auth).send(body), 201)).toBe(1);
    expect(await published(() => request(s.t.server).put(`/posts/${post.id}/vote`).set(s.bob.auth), 200)).toBe(1);
    expect(await published(() => request(s.t.server).put(`/posts/${post.id}`).set(s.bob.auth).send(body), 403)).toBe(0);
    expect(await published(() => request(s.t.server).get('/posts').set(s.bob.auth), 200)).toBe(0);
  });

  it('serves a feed page, its count and its next cursor in one statement', async () => {
    await createPost(s.t, s.alice);
    await createPost(s.t, s.alice);
    expect(await count(() => request(s.t.server).get('/posts').set(s.bob.auth), 200)).toBe(1);
    expect(await count(() => request(s.t.server).get('/posts?search=title').set(s.bob.auth), 200)).toBe(1);
    const first = await request(s.t.server).get('/posts?limit=1').set(s.bob.auth).expect(200);
    const cursor = first.headers['x-next-cursor'];
    expect(await count(() => request(s.t.server).get('/posts').query({ limit: 1, cursor }).set(s.bob.auth), 200)).toBe(1);
  });

  it('serves a post, or its 404, in one statement', async () => {
    const post = await createPost(s.t, s.alice);
    expect(await count(() => request(s.t.server).get(`/posts/${post.id}`).set(s.bob.auth), 200)).toBe(1);
    const draft = await createPost(s.t, s.alice, { published: false });
    expect(await count(() => request(s.t.server).get(`/posts/${draft.id}`).set(s.bob.auth), 404)).toBe(1);
  });

  it('votes, and refuses a vote on an unreadable post, in one statement', async () => {
    const post = await createPost(s.t, s.alice);
    const draft = await createPost(s.t, s.alice, { published: false });
    expect(await count(() => vote(s.t, s.bob, post.id, 1), 201)).toBe(1);
    expect(await count(() => vote(s.t, s.bob, post.id, 1), 409)).toBe(1);
    expect(await count(() => vote(s.t, s.bob, post.id, 0), 201)).toBe(1);
    expect(await count(() => vote(s.t, s.bob, post.id, 0), 404)).toBe(1);
    expect(await count(() => vote(s.t, s.bob, draft.id, 1), 404)).toBe(1);
    for (const method of ['put', 'delete'] as const) {
      expect(await count(() => request(s.t.server)[method](`/posts/${post.id}/vote`).set(s.bob.auth), 200)).toBe(1);
      expect(await count(() => request(s.t.server)[method](`/posts/${draft.id}/vote`).set(s.bob.auth), 404)).toBe(1);
    }
  });

  it('changes or deletes a post, or refuses to, in one statement', async () => {
    const post = await createPost(s.t, s.alice);
    const change = { title: 'changed', content: 'changed' };
    expect(await count(() => request(s.t.server).put(`/posts/${post.id}`).set(s.alice.auth).send(change), 200)).toBe(1);
    expect(await count(() => request(s.t.server).patch(`/posts/${post.id}`).set(s.alice.auth).send({ title: 'again' }), 200)).toBe(1);
    expect(await count(() => request(s.t.server).put(`/posts/${post.id}`).set(s.bob.auth).send(change), 403)).toBe(1);
    expect(await count(() => request(s.t.server).delete(`/posts/${post.id}`).set(s.bob.auth), 403)).toBe(1);
    expect(await count(() => request(s.t.server).delete(`/posts/${post.id}`).set(s.alice.auth), 204)).toBe(1);
    expect(await count(() => request(s.t.server).delete(`/posts/${post.id}`).set(s.alice.auth), 404)).toBe(1);
  });

  it('serves a profile, its lists, its posts, a follow and the timeline in one statement', async () => {
    const bob = s.bob.username;
    await createPost(s.t, s.bob);
    expect(await count(() => request(s.t.server).put(`/profiles/${bob}/follow`).set(s.alice.auth), 200)).toBe(1);
    expect(await count(() => request(s.t.server).put(`/profiles/${bob}/follow`).set(s.alice.auth), 200)).toBe(1);
    expect(await count(() => request(s.t.server).put(`/profiles/${s.alice.username}/follow`).set(s.alice.auth), 422)).toBe(1);
    expect(await count(() => request(s.t.server).put('/profiles/nobody_at_all/follow').set(s.alice.auth), 404)).toBe(1);
    for (const path of [`/profiles/${bob}`, `/profiles/${bob}/followers`, `/profiles/${bob}/following`, `/profiles/${bob}/posts`, '/timeline']) {
      expect([path, await count(() => request(s.t.server).get(path).set(s.alice.auth), 200)]).toEqual([path, 1]);
    }
    expect(await count(() => request(s.t.server).get('/profiles/nobody_at_all/followers').set(s.alice.auth), 404)).toBe(1);
    expect(await count(() => request(s.t.server).patch('/users/me').set(s.alice.auth).send({ bio: 'hi' }), 200)).toBe(1);
    expect(await count(() => request(s.t.server).delete(`/profiles/${bob}/follow`).set(s.alice.auth), 200)).toBe(1);
  });

  it('comments, lists voters, notifications and blocks in one statement', async () => {
    const post = await createPost(s.t, s.bob);
    const created = async (send: () => request.Test) => {
      const { result, statements } = await recordStatements(() => send());
      expect([result.status, statements.length]).toEqual([201, 1]);
      return result.body.id as number;
    };
    const comment = await created(() => request(s.t.server).post(`/posts/${post.id}/comments`).set(s.alice.auth).send({ content: 'hi' }));
    await created(() => request(s.t.server).post(`/posts/${post.id}/comments`).set(s.bob.auth).send({ content: 'yo', reply_to: comment }));
    for (const path of [`/posts/${post.id}/comments`, `/posts/${post.id}/comments?reply_to=${comment}`, `/comments/${comment}`, `/posts/${post.id}/votes`, '/notifications', '/notifications/unread', '/users/me/blocks']) {
      expect([path, await count(() => request(s.t.server).get(path).set(s.bob.auth), 200)]).toEqual([path, 1]);
    }
    expect(await count(() => request(s.t.server).patch(`/comments/${comment}`).set(s.alice.auth).send({ content: 'hey' }), 200)).toBe(1);
    expect(await count(() => request(s.t.server).patch(`/comments/${comment}`).set(s.bob.auth).send({ content: 'no' }), 403)).toBe(1);
    expect(await count(() => request(s.t.server).post('/notifications/read').set(s.bob.auth).send({}), 204)).toBe(1);
    expect(await count(() => request(s.t.server).delete(`/comments/${comment}`).set(s.bob.auth), 204)).toBe(1);
    const carol = await createLoggedInUser(s.t);
    expect(await count(() => request(s.t.server).put(`/profiles/${carol.username}/block`).set(s.bob.auth), 200)).toBe(1);
    expect(await count(() => request(s.t.server).delete(`/profiles/${carol.username}/block`).set(s.bob.auth), 200)).toBe(1);
  });
});
