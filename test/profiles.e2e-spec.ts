import request from 'supertest';
import { FeedCursors } from '../src/posts/feed-paging';
import { createLoggedInUser, createPost, follow, LoggedInUser, useAppWithTwoUsers } from './support/factories';

describe('profiles and follows', () => {
  const s = useAppWithTwoUsers();
  const get = (path: string, user: LoggedInUser = s.alice) => request(s.t.server).get(path).set(user.auth);
  /** Every counter that differs from a count of its tables (migrations/counters.ts). */
  const drift = () => s.t.db.query('SELECT * FROM counter_drift()');

  describe('GET /profiles/{username}', () => {
    it('answers the Profile with exact counts and how the viewer is related, matching the username in any letter case', async () => {
      const carol = await createLoggedInUser(s.t);
      await createPost(s.t, carol);
      await createPost(s.t, carol);
      await createPost(s.t, carol, { published: false });
      await follow(s.t, s.alice, carol).expect(200);
      await follow(s.t, carol, s.bob).expect(200);
      const res = await get(`/profiles/${carol.username.toUpperCase()}`).expect(200);
      expect(res.body).toEqual({
        id: carol.id,
        username: carol.username,
        display_name: '',
        bio: '',
        created_at: carol.created_at,
        posts_count: 2,
        followers_count: 1,
        following_count: 1,
        followed: true,
        follows_you: false,
      });
      // Drafts are not counted, whoever looks.
      expect((await get(`/profiles/${carol.username}`, carol).expect(200)).body).toMatchObject({ posts_count: 2, followed: false, follows_you: false });
      expect((await get(`/profiles/${s.alice.username}`, carol).expect(200)).body).toMatchObject({ followed: false, follows_you: true });
      expect(JSON.stringify(res.body)).not.toContain('@');
    });

    it.each(['nobody_here_at_all', 'ab', 'with%20space', '%00abc', 'x'.repeat(31), 'é_accent'])('answers 404 "Profile not found" for %s', async (name) => {
      const res = await get(`/profiles/${name}`).expect(404);
      expect(res.body).toEqual({ detail: 'Profile not found' });
    });

    it('answers 401 without a token', async () => {
      await request(s.t.server).get(`/profiles/${s.alice.username}`).expect(401);
    });
  });

  describe('PUT and DELETE /profiles/{username}/follow', () => {
    it('follow and unfollow idempotently, answering the follower count', async () => {
      const dan = await createLoggedInUser(s.t);
      expect((await follow(s.t, s.alice, dan).expect(200)).body).toEqual({ username: dan.username, followers_count: 1, followed: true });
      expect((await follow(s.t, s.alice, dan).expect(200)).body).toEqual({ username: dan.username, followers_count: 1, followed: true });
      expect((await follow(s.t, s.bob, { username: dan.username.toLowerCase() }).expect(200)).body).toEqual({ username: dan.username, followers_count: 2, followed: true });
      expect((await follow(s.t, s.alice, dan, false).expect(200)).body).toEqual({ username: dan.username, followers_count: 1, followed: false });
      expect((await follow(s.t, s.alice, dan, false).expect(200)).body).toEqual({ username: dan.username, followers_count: 1, followed: false });
      expect(await drift()).toEqual([]);
    });

    it.each(['put', 'delete'] as const)('%s on yourself is a 422 at ["path", "username"], and changes nothing', async (method) => {
      const res = await request(s.t.server)[method](`/profiles/${s.alice.username}/follow`).set(s.alice.auth).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['path', 'username'], msg: expect.any(String), type: 'value_error' }]);
      expect(await s.t.db.query('SELECT 1 FROM follows WHERE follower_id = followee_id')).toEqual([]);
    });

    it.each(['put', 'delete'] as const)('%s on an unknown profile is a 404', async (method) => {
      const res = await request(s.t.server)[method]('/profiles/nobody_at_all/follow').set(s.alice.auth).expect(404);
      expect(res.body).toEqual({ detail: 'Profile not found' });
    });

    it('keeps the counts exact under concurrent follows and unfollows, and for rows written in plain SQL', async () => {
      const star = await createLoggedInUser(s.t);
      const fans = await Promise.all(Array.from({ length: 8 }, () => createLoggedInUser(s.t)));
      await Promise.all(fans.flatMap((fan) => [follow(s.t, fan, star), follow(s.t, fan, star), follow(s.t, fan, star, false), follow(s.t, fan, star)]));
      expect(await drift()).toEqual([]);
      await s.t.db.query('DELETE FROM follows WHERE followee_id = $1 AND follower_id = ANY($2)', [star.id, fans.slice(0, 3).map((f) => f.id)]);
      await s.t.db.query('INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [star.id, fans[0].id]);
      expect(await drift()).toEqual([]);
      const [row] = await s.t.db.query('SELECT followers_count FROM users WHERE id = $1', [star.id]);
      const [{ n }] = await s.t.db.query('SELECT count(*)::int AS n FROM follows WHERE followee_id = $1', [star.id]);
      expect(row.followers_count).toBe(n);
    });

    it('answers 401 without a token', async () => {
      await request(s.t.server).put(`/profiles/${s.bob.username}/follow`).expect(401);
    });
  });

  describe('GET /profiles/{username}/followers and /following', () => {
    let star: LoggedInUser;
    let fans: LoggedInUser[];
    beforeAll(async () => {
      star = await createLoggedInUser(s.t);
      fans = [];
      // One at a time, so that the follow times are in this order.
      for (let i = 0; i < 5; i++) {
        const fan = await createLoggedInUser(s.t);
        await follow(s.t, fan, star).expect(200);
        fans.push(fan);
      }
      await follow(s.t, s.alice, fans[1]).expect(200);
    });

    it('lists Briefs newest follow first, with X-Total-Count, paging by cursor without gaps or repeats', async () => {
      const first = await get(`/profiles/${star.username}/followers?limit=2`).expect(200);
      expect(first.headers['x-total-count']).toBe('5');
      expect(first.body).toEqual([
        { id: fans[4].id, username: fans[4].username, display_name: '', followed: false },
        { id: fans[3].id, username: fans[3].username, display_name: '', followed: false },
      ]);
      const cursor = first.headers['x-next-cursor'];
      expect(first.headers.link).toBe(`</profiles/${star.username}/followers?limit=2&cursor=${cursor}>; rel="next"`);
      const second = await get(`/profiles/${star.username}/followers?limit=2&cursor=${cursor}`).expect(200);
      expect(second.body.map((b: { id: number }) => b.id)).toEqual([fans[2].id, fans[1].id]);
      expect(second.body[1].followed).toBe(true);
      const third = await get(`/profiles/${star.username}/followers?limit=2&cursor=${second.headers['x-next-cursor']}`).expect(200);
      expect(third.body.map((b: { id: number }) => b.id)).toEqual([fans[0].id]);
      expect(third.headers['x-next-cursor']).toBeUndefined();
      expect(third.headers.link).toBeUndefined();
    });

    it('lists whom a profile follows', async () => {
      const res = await get(`/profiles/${fans[0].username}/following`).expect(200);
      expect(res.body).toEqual([{ id: star.id, username: star.username, display_name: '', followed: false }]);
      expect(res.headers['x-total-count']).toBe('1');
      const none = await get(`/profiles/${star.username}/following`).expect(200);
      expect(none.body).toEqual([]);
      expect(none.headers['x-total-count']).toBe('0');
    });

    it.each(['followers', 'following'])('%s: 404 for an unknown profile, 422 for a bad cursor or limit', async (list) => {
      expect((await get(`/profiles/nobody_at_all/${list}`).expect(404)).body).toEqual({ detail: 'Profile not found' });
      const feedCursor = new FeedCursors(s.t.config.secretKey).encode(5);
      for (const query of [`cursor=${feedCursor}`, 'cursor=garbage', 'limit=0', 'limit=101', 'cursor=']) {
        const res = await get(`/profiles/${star.username}/${list}?${query}`).expect(422);
        expect(res.body.detail[0].loc[0]).toBe('query');
      }
    });
  });

  describe('GET /profiles/{username}/posts', () => {
    it("lists the author's published posts newest first with X-Total-Count; the author also sees drafts", async () => {
      const erin = await createLoggedInUser(s.t);
      const posts = [];
      for (let i = 0; i < 3; i++) posts.push(await createPost(s.t, erin));
      const draft = await createPost(s.t, erin, { published: false });
      await createPost(s.t, s.bob);

      const page1 = await get(`/profiles/${erin.username}/posts?limit=2`).expect(200);
      expect(page1.headers['x-total-count']).toBe('3');
      expect(page1.body.map((p: { Post: { id: number } }) => p.Post.id)).toEqual([posts[2].id, posts[1].id]);
      expect(page1.body[0]).toMatchObject({ Post: { owner: { username: erin.username } }, votes: 0, voted: false });
      const page2 = await get(`/profiles/${erin.username}/posts?limit=2&cursor=${page1.headers['x-next-cursor']}`).expect(200);
      expect(page2.body.map((p: { Post: { id: number } }) => p.Post.id)).toEqual([posts[0].id]);

      const own = await get(`/profiles/${erin.username}/posts`, erin).expect(200);
      expect(own.headers['x-total-count']).toBe('4');
      expect(own.body.map((p: { Post: { id: number } }) => p.Post.id)).toEqual([draft.id, posts[2].id, posts[1].id, posts[0].id]);
    });

    it('answers 404 for an unknown profile and 422 for a bad cursor', async () => {
      expect((await get('/profiles/nobody_at_all/posts').expect(404)).body).toEqual({ detail: 'Profile not found' });
      await get(`/profiles/${s.bob.username}/posts?cursor=nope`).expect(422);
    });
  });
});
