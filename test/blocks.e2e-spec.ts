import request from 'supertest';
import { createLoggedInUser, createPost, eventually, follow, LoggedInUser, TestPost, vote } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * When A blocks B, neither sees the other: posts, comments, places in lists; B cannot
 * follow A or act on A's posts (404); A is told nothing of B. One visibility rule
 * (src/posts/post-access.ts) gives every read and write its part.
 */
describe('blocks', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const block = (by: LoggedInUser, whom: LoggedInUser, on = true) => request(t.server)[on ? 'put' : 'delete'](`/profiles/${whom.username}/block`).set(by.auth);
  const get = (user: LoggedInUser, path: string) => request(t.server).get(path).set(user.auth);
  const idsOf = (body: { Post?: { id: number }; id?: number }[]) => body.map((x) => x.Post?.id ?? x.id);

  describe('PUT and DELETE /profiles/{username}/block, GET /users/me/blocks', () => {
    it('block and unblock idempotently, and list whom you block, newest first', async () => {
      const [a, b, c] = [await createLoggedInUser(t), await createLoggedInUser(t), await createLoggedInUser(t)];
      expect((await block(a, b).expect(200)).body).toEqual({ username: b.username, blocked: true });
      expect((await block(a, b).expect(200)).body).toEqual({ username: b.username, blocked: true });
      await block(a, c).expect(200);
      const list = await get(a, '/users/me/blocks').expect(200);
      expect(list.body).toEqual([
        { id: c.id, username: c.username, display_name: '', followed: false },
        { id: b.id, username: b.username, display_name: '', followed: false },
      ]);
      const first = await get(a, '/users/me/blocks?limit=1').expect(200);
      expect(idsOf((await get(a, `/users/me/blocks?limit=1&cursor=${first.headers['x-next-cursor']}`).expect(200)).body)).toEqual([b.id]);
      expect((await block(a, b, false).expect(200)).body).toEqual({ username: b.username, blocked: false });
      expect((await block(a, b, false).expect(200)).body).toEqual({ username: b.username, blocked: false });
      expect(idsOf((await get(a, '/users/me/blocks').expect(200)).body)).toEqual([c.id]);
      // Someone who blocks you may be blocked back.
      await block(c, a).expect(200);
    });

    it('answers 422 for yourself, 404 for an unknown username, 401 without a token', async () => {
      const a = await createLoggedInUser(t);
      for (const on of [true, false]) {
        expect((await block(a, a, on).expect(422)).body.detail).toEqual([{ loc: ['path', 'username'], msg: expect.any(String), type: 'value_error' }]);
      }
      expect((await request(t.server).put('/profiles/nobody_at_all/block').set(a.auth).expect(404)).body).toEqual({ detail: 'Profile not found' });
      await request(t.server).put(`/profiles/${a.username}/block`).expect(401);
      await request(t.server).get('/users/me/blocks').expect(401);
      await get(a, '/users/me/blocks?cursor=x').expect(422);
    });
  });

  describe('when A blocks B', () => {
    let a: LoggedInUser;
    let b: LoggedInUser;
    let c: LoggedInUser;
    let aPost: TestPost;
    let bPost: TestPost;
    let cPost: TestPost;
    let aComment: number;
    let bComment: number;

    beforeAll(async () => {
      [a, b, c] = [await createLoggedInUser(t), await createLoggedInUser(t), await createLoggedInUser(t)];
      aPost = await createPost(t, a, { title: 'blockwords from a' });
      bPost = await createPost(t, b, { title: 'blockwords from b' });
      cPost = await createPost(t, c, { title: 'blockwords from c' });
      await follow(t, a, b).expect(200);
      await follow(t, b, a).expect(200);
      await follow(t, a, c).expect(200);
      await follow(t, b, c).expect(200);
      await vote(t, a, cPost.id).expect(201);
      await vote(t, b, cPost.id).expect(201);
      aComment = (await request(t.server).post(`/posts/${cPost.id}/comments`).set(a.auth).send({ content: 'a says' }).expect(201)).body.id;
      bComment = (await request(t.server).post(`/posts/${cPost.id}/comments`).set(b.auth).send({ content: 'b says' }).expect(201)).body.id;
      await block(a, b).expect(200);
    });

    it('ends the follows between them, both ways, and their notifications', async () => {
      expect(await t.db.query('SELECT 1 FROM follows WHERE (follower_id, followee_id) IN (($1, $2), ($2, $1))', [a.id, b.id])).toEqual([]);
      expect(await t.db.query('SELECT 1 FROM notifications WHERE (user_id, actor_id) IN (($1, $2), ($2, $1))', [a.id, b.id])).toEqual([]);
      expect(await t.db.query('SELECT * FROM counter_drift()')).toEqual([]);
    });

    it("hides each one's posts from the other: 404, and not in feed, search, profile posts or timeline", async () => {
      for (const [viewer, hidden, shown] of [
        [b, aPost, bPost],
        [a, bPost, aPost],
      ] as const) {
        expect((await get(viewer, `/posts/${hidden.id}`).expect(404)).body).toEqual({ detail: `post with id: ${hidden.id} was not found` });
        const feed = await get(viewer, '/posts?limit=100').expect(200);
        expect(idsOf(feed.body)).not.toContain(hidden.id);
        expect(idsOf(feed.body)).toContain(shown.id);
        const [{ n }] = await t.db.query(
          `SELECT count(*)::int AS n FROM posts p WHERE (p.published OR p.owner_id = $1)
           AND p.owner_id NOT IN (SELECT blocked_id FROM blocks WHERE blocker_id = $1 UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1)`,
          [viewer.id],
        );
        expect(feed.headers['x-total-count']).toBe(String(n));
        expect(idsOf((await get(viewer, '/posts?search=blockwords').expect(200)).body).sort()).toEqual([shown.id, cPost.id].sort());
        const hiddenOwner = hidden === aPost ? a : b;
        const theirs = await get(viewer, `/profiles/${hiddenOwner.username}/posts`).expect(200);
        expect(theirs.body).toEqual([]);
        expect(theirs.headers['x-total-count']).toBe('0');
        await eventually(async () => expect(idsOf((await get(viewer, '/timeline?limit=100').expect(200)).body)).not.toContain(hidden.id));
      }
    });

    it("hides each one's comments, and each one from the other's lists of voters and followers", async () => {
      expect(idsOf((await get(b, `/posts/${cPost.id}/comments`).expect(200)).body)).toEqual([bComment]);
      expect(idsOf((await get(a, `/posts/${cPost.id}/comments`).expect(200)).body)).toEqual([aComment]);
      expect((await get(b, `/comments/${aComment}`).expect(404)).body).toEqual({ detail: `comment with id: ${aComment} was not found` });
      await get(c, `/comments/${aComment}`).expect(200);
      expect(idsOf((await get(b, `/posts/${cPost.id}/votes`).expect(200)).body)).toEqual([b.id]);
      expect(idsOf((await get(c, `/posts/${cPost.id}/votes`).expect(200)).body)).toEqual([b.id, a.id]);
      expect(idsOf((await get(b, `/profiles/${c.username}/followers`).expect(200)).body)).toEqual([b.id]);
      expect(idsOf((await get(a, `/profiles/${c.username}/followers`).expect(200)).body)).toEqual([a.id]);
    });

    it("keeps B from following A, voting on or commenting on A's posts (404), and tells A nothing", async () => {
      expect((await follow(t, b, a).expect(404)).body).toEqual({ detail: 'Profile not found' });
      await follow(t, a, b).expect(404);
      expect((await vote(t, b, aPost.id, 1).expect(404)).body).toEqual({ detail: `Post with id: ${aPost.id} does not exist` });
      await request(t.server).put(`/posts/${aPost.id}/vote`).set(b.auth).expect(404);
      await request(t.server).post(`/posts/${aPost.id}/comments`).set(b.auth).send({ content: 'hi' }).expect(404);
      await request(t.server).post(`/posts/${cPost.id}/comments`).set(b.auth).send({ content: 'hi', reply_to: aComment }).expect(422);
      // Written in plain SQL, past the API's checks: still no notification across the block.
      await t.db.query('INSERT INTO votes (user_id, post_id) VALUES ($1, $2)', [b.id, aPost.id]);
      await t.db.query('INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)', [b.id, a.id]);
      expect(await t.db.query('SELECT 1 FROM notifications WHERE user_id = $1 AND actor_id = $2', [a.id, b.id])).toEqual([]);
      await t.db.query('DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2', [b.id, a.id]);
      expect((await get(a, '/notifications').expect(200)).body.map((n: { actor: { id: number } }) => n.actor.id)).not.toContain(b.id);
    });

    it('lets them see each other again once unblocked, without the follows', async () => {
      const [x, y] = [await createLoggedInUser(t), await createLoggedInUser(t)];
      const post = await createPost(t, y);
      await follow(t, x, y).expect(200);
      await block(x, y).expect(200);
      await get(x, `/posts/${post.id}`).expect(404);
      await block(x, y, false).expect(200);
      await get(x, `/posts/${post.id}`).expect(200);
      expect((await get(x, `/profiles/${y.username}`).expect(200)).body.followed).toBe(false);
    });
  });
});
