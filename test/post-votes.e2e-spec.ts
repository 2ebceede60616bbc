import request from 'supertest';
import { createLoggedInUser, createPost, LoggedInUser, useAppWithTwoUsers, vote } from './support/factories';

/** The idempotent vote routes a user interface toggles, and the `voted` flag it shows. */
describe('PUT and DELETE /posts/{id}/vote', () => {
  const s = useAppWithTwoUsers();

  const put = (voter: LoggedInUser, id: number | string) => request(s.t.server).put(`/posts/${id}/vote`).set(voter.auth);
  const del = (voter: LoggedInUser, id: number | string) => request(s.t.server).delete(`/posts/${id}/vote`).set(voter.auth);
  const seen = async (viewer: LoggedInUser, id: number) => {
    const res = await request(s.t.server).get(`/posts/${id}`).set(viewer.auth).expect(200);
    return { votes: res.body.votes, voted: res.body.voted };
  };

  it('PUT votes and answers the count; a second PUT changes nothing', async () => {
    const post = await createPost(s.t, s.alice);
    await vote(s.t, s.alice, post.id).expect(201);
    expect((await put(s.bob, post.id).expect(200)).body).toEqual({ post_id: post.id, votes: 2, voted: true });
    expect((await put(s.bob, post.id).expect(200)).body).toEqual({ post_id: post.id, votes: 2, voted: true });
    expect(await seen(s.bob, post.id)).toEqual({ votes: 2, voted: true });
  });

  it('DELETE takes the vote back; a second DELETE changes nothing', async () => {
    const post = await createPost(s.t, s.alice);
    await vote(s.t, s.alice, post.id).expect(201);
    await put(s.bob, post.id).expect(200);
    expect((await del(s.bob, post.id).expect(200)).body).toEqual({ post_id: post.id, votes: 1, voted: false });
    expect((await del(s.bob, post.id).expect(200)).body).toEqual({ post_id: post.id, votes: 1, voted: false });
    expect(await seen(s.bob, post.id)).toEqual({ votes: 1, voted: false });
    expect(await seen(s.alice, post.id)).toEqual({ votes: 1, voted: true });
  });

  it("answers 404 for a missing post, an out-of-range id and someone else's draft; the owner votes on a draft", async () => {
    const draft = await createPost(s.t, s.alice, { published: false });
    for (const id of [99999999, 99999999999, draft.id]) {
      expect((await put(s.bob, id).expect(404)).body).toEqual({ detail: `Post with id: ${id} does not exist` });
      expect((await del(s.bob, id).expect(404)).body).toEqual({ detail: `Post with id: ${id} does not exist` });
    }
    expect((await put(s.alice, draft.id).expect(200)).body).toEqual({ post_id: draft.id, votes: 1, voted: true });
  });

  it('answers 422 for an id that is not an integer', async () => {
    for (const answer of [await put(s.bob, 'abc'), await del(s.bob, '1.5')]) {
      expect(answer.status).toBe(422);
      expect(answer.body.detail).toEqual([{ loc: ['path', 'id'], msg: expect.any(String), type: 'int_parsing' }]);
    }
  });

  it('answers 401 without a token', async () => {
    for (const method of ['put', 'delete'] as const) {
      const res = await request(s.t.server)[method]('/posts/1/vote').expect(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('answers 405 with Allow for another method', async () => {
    const res = await request(s.t.server).post('/posts/1/vote').set(s.bob.auth).expect(405);
    expect(res.headers.allow).toBe('DELETE, PUT');
  });

  it('keeps the count exact when many users toggle one post at once', async () => {
    const post = await createPost(s.t, s.alice);
    const voters = await Promise.all(Array.from({ length: 8 }, () => createLoggedInUser(s.t)));
    const puts = await Promise.all([...voters, ...voters].map((v) => put(v, post.id)));
    expect(puts.every((r) => r.status === 200 && r.body.voted === true)).toBe(true);
    expect((await seen(s.alice, post.id)).votes).toBe(8);
    // Every answer counts at least its own vote and never more than there are.
    expect(puts.map((r) => [r.status, r.body]).filter(([status, body]) => status !== 200 || !(body.votes >= 1 && body.votes <= 8))).toEqual([]);
    const dels = await Promise.all(voters.slice(0, 5).map((v) => del(v, post.id)));
    expect(dels.every((r) => r.status === 200 && r.body.voted === false && r.body.votes <= 7)).toBe(true);
    expect((await seen(s.alice, post.id)).votes).toBe(3);
  });

  describe('GET /posts/{id}/votes', () => {
    it('lists the voters newest vote first, with X-Total-Count, paging by cursor', async () => {
      const post = await createPost(s.t, s.alice);
      const voters = [];
      for (let i = 0; i < 3; i++) {
        const voter = await createLoggedInUser(s.t);
        await put(voter, post.id).expect(200);
        voters.push(voter);
      }
      await request(s.t.server).put(`/profiles/${voters[0].username}/follow`).set(s.bob.auth).expect(200);
      const first = await request(s.t.server).get(`/posts/${post.id}/votes?limit=2`).set(s.bob.auth).expect(200);
      expect(first.headers['x-total-count']).toBe('3');
      expect(first.body).toEqual([voters[2], voters[1]].map((v) => ({ id: v.id, username: v.username, display_name: '', followed: false })));
      const cursor = first.headers['x-next-cursor'];
      expect(first.headers.link).toBe(`</posts/${post.id}/votes?limit=2&cursor=${cursor}>; rel="next"`);
      const second = await request(s.t.server).get(`/posts/${post.id}/votes?limit=2&cursor=${cursor}`).set(s.bob.auth).expect(200);
      expect(second.body).toEqual([{ id: voters[0].id, username: voters[0].username, display_name: '', followed: true }]);
      expect(second.headers['x-next-cursor']).toBeUndefined();
    });

    it("answers 404 for a missing post or someone else's draft, 422 for a bad id or cursor", async () => {
      const draft = await createPost(s.t, s.alice, { published: false });
      for (const id of [draft.id, 2_000_000_000]) {
        expect((await request(s.t.server).get(`/posts/${id}/votes`).set(s.bob.auth).expect(404)).body).toEqual({ detail: `post with id: ${id} was not found` });
      }
      await request(s.t.server).get(`/posts/${draft.id}/votes`).set(s.alice.auth).expect(200);
      await request(s.t.server).get('/posts/x/votes').set(s.bob.auth).expect(422);
      await request(s.t.server).get(`/posts/${draft.id}/votes?cursor=x`).set(s.alice.auth).expect(422);
    });
  });
});
