import request from 'supertest';
import { createLoggedInUser, createPost, LoggedInUser, TestPost, useAppWithTwoUsers, userOut } from './support/factories';

describe('comments', () => {
  const s = useAppWithTwoUsers();
  const comment = (user: LoggedInUser, postId: number, body: Record<string, unknown>) => request(s.t.server).post(`/posts/${postId}/comments`).set(user.auth).send(body);
  const list = async (user: LoggedInUser, postId: number, query = '') => {
    const res = await request(s.t.server).get(`/posts/${postId}/comments${query}`).set(user.auth).expect(200);
    return { ids: res.body.map((c: { id: number }) => c.id) as number[], res };
  };
  const countOf = async (postId: number, user: LoggedInUser = s.alice) => (await request(s.t.server).get(`/posts/${postId}`).set(user.auth).expect(200)).body.comments;
  let post: TestPost;
  beforeAll(async () => (post = await createPost(s.t, s.alice)));

  describe('POST /posts/{id}/comments', () => {
    it('answers 201 Comment, and the post counts it', async () => {
      const before = await countOf(post.id);
      const res = await comment(s.bob, post.id, { content: 'Nice post!' }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        post_id: post.id,
        content: 'Nice post!',
        created_at: expect.stringMatching(/[+-]\d\d:\d\d$/),
        edited_at: null,
        owner: userOut(s.bob),
        reply_to: null,
        replies: 0,
      });
      expect(await countOf(post.id)).toBe(before + 1);
    });

    it('replies to a comment of the same post; a reply to a reply joins its thread; the counts include replies', async () => {
      const top = (await comment(s.bob, post.id, { content: 'top' }).expect(201)).body;
      const reply = (await comment(s.alice, post.id, { content: 'reply', reply_to: top.id }).expect(201)).body;
      expect(reply.reply_to).toBe(top.id);
      const deeper = (await comment(s.bob, post.id, { content: 'deeper', reply_to: reply.id }).expect(201)).body;
      expect(deeper.reply_to).toBe(top.id);
      expect((await request(s.t.server).get(`/comments/${top.id}`).set(s.alice.auth).expect(200)).body.replies).toBe(2);
      const other = await createPost(s.t, s.bob);
      for (const replyTo of [top.id, 2_000_000_000, 0, -1]) {
        const res = await comment(s.alice, other.id, { content: 'x', reply_to: replyTo }).expect(422);
        expect(res.body.detail).toEqual([{ loc: ['body', 'reply_to'], msg: expect.any(String), type: 'value_error' }]);
      }
    });

    it.each([
      ['no content', {}, 'missing'],
      ['empty content', { content: '' }, 'string_too_short'],
      ['2,001 characters', { content: 'x'.repeat(2001) }, 'string_too_long'],
      ['a NUL', { content: 'a\u0000b' }, 'string_unicode'],
      ['null', { content: null }, 'string_type'],
      ['a number', { content: 5 }, 'string_type'],
    ])('answers 422 for %s', async (_name, body, type) => {
      const res = await comment(s.bob, post.id, body).expect(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'content'], type });
    });

    it('answers 422 for a reply_to that is not an integer', async () => {
      const res = await comment(s.bob, post.id, { content: 'x', reply_to: '1' }).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['body', 'reply_to'], msg: expect.any(String), type: 'int_parsing' }]);
    });

    it("answers 404 as GET /posts/{id} does for a missing post or someone else's draft, and stores nothing", async () => {
      const draft = await createPost(s.t, s.alice, { published: false });
      for (const id of [draft.id, 2_000_000_000, 99999999999]) {
        const res = await comment(s.bob, id, { content: 'x' }).expect(404);
        expect(res.body).toEqual({ detail: `post with id: ${id} was not found` });
      }
      expect(await s.t.db.query('SELECT 1 FROM comments WHERE post_id = $1', [draft.id])).toEqual([]);
      await comment(s.alice, draft.id, { content: 'my own draft' }).expect(201);
      await request(s.t.server).post('/posts/abc/comments').set(s.bob.auth).send({ content: 'x' }).expect(422);
    });

    it('answers 401 without a token, before the body', async () => {
      await request(s.t.server).post(`/posts/${post.id}/comments`).send({}).expect(401);
    });
  });

  describe('GET /posts/{id}/comments', () => {
    it("lists top-level comments oldest first, pages by cursor, and a comment's replies with reply_to", async () => {
      const fresh = await createPost(s.t, s.alice);
      const tops = [];
      for (let i = 0; i < 3; i++) tops.push((await comment(s.bob, fresh.id, { content: `c${i}` }).expect(201)).body.id);
      const replies = [];
      for (let i = 0; i < 3; i++) replies.push((await comment(s.alice, fresh.id, { content: `r${i}`, reply_to: tops[0] }).expect(201)).body.id);
      expect((await list(s.alice, fresh.id)).ids).toEqual(tops);
      const first = await list(s.alice, fresh.id, '?limit=2');
      expect(first.ids).toEqual(tops.slice(0, 2));
      const cursor = first.res.headers['x-next-cursor'];
      expect(first.res.headers.link).toBe(`</posts/${fresh.id}/comments?limit=2&cursor=${cursor}>; rel="next"`);
      expect((await list(s.alice, fresh.id, `?limit=2&cursor=${cursor}`)).ids).toEqual(tops.slice(2));
      expect((await list(s.alice, fresh.id, `?reply_to=${tops[0]}`)).ids).toEqual(replies);
      const page = await list(s.alice, fresh.id, `?reply_to=${tops[0]}&limit=1`);
      expect(page.res.headers.link).toContain(`reply_to=${tops[0]}`);
      expect((await list(s.alice, fresh.id, `?reply_to=${tops[1]}`)).ids).toEqual([]);
    });

    it('answers 404 for an unreadable post, 422 for a reply_to of another post or a bad cursor', async () => {
      const draft = await createPost(s.t, s.alice, { published: false });
      expect((await request(s.t.server).get(`/posts/${draft.id}/comments`).set(s.bob.auth).expect(404)).body).toEqual({ detail: `post with id: ${draft.id} was not found` });
      const elsewhere = (await comment(s.bob, post.id, { content: 'x' }).expect(201)).body.id;
      const other = await createPost(s.t, s.bob);
      const res = await request(s.t.server).get(`/posts/${other.id}/comments?reply_to=${elsewhere}`).set(s.bob.auth).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['query', 'reply_to'], msg: expect.any(String), type: 'value_error' }]);
      for (const query of ['cursor=nope', 'reply_to=x', 'reply_to=0', 'limit=0']) {
        await request(s.t.server).get(`/posts/${other.id}/comments?${query}`).set(s.bob.auth).expect(422);
      }
    });
  });

  describe('GET, PATCH and DELETE /comments/{id}', () => {
    it('reads one comment; 404 once its post cannot be read', async () => {
      const mine = await createPost(s.t, s.alice);
      const c = (await comment(s.bob, mine.id, { content: 'hello' }).expect(201)).body;
      expect((await request(s.t.server).get(`/comments/${c.id}`).set(s.alice.auth).expect(200)).body).toEqual(c);
      await request(s.t.server).patch(`/posts/${mine.id}`).set(s.alice.auth).send({ published: false }).expect(200);
      expect((await request(s.t.server).get(`/comments/${c.id}`).set(s.bob.auth).expect(404)).body).toEqual({ detail: `comment with id: ${c.id} was not found` });
      await request(s.t.server).get('/comments/99999999999').set(s.bob.auth).expect(404);
      await request(s.t.server).get('/comments/x').set(s.bob.auth).expect(422);
    });

    it('lets only the owner edit, and sets edited_at', async () => {
      const c = (await comment(s.bob, post.id, { content: 'first' }).expect(201)).body;
      const res = await request(s.t.server).patch(`/comments/${c.id}`).set(s.bob.auth).send({ content: 'second' }).expect(200);
      expect(res.body).toEqual({ ...c, content: 'second', edited_at: expect.stringMatching(/[+-]\d\d:\d\d$/) });
      expect((await request(s.t.server).get(`/comments/${c.id}`).set(s.alice.auth).expect(200)).body.content).toBe('second');
      // The post's owner may delete it, not edit it.
      const refused = await request(s.t.server).patch(`/comments/${c.id}`).set(s.alice.auth).send({ content: 'mine now' }).expect(403);
      expect(refused.body).toEqual({ detail: 'Not authorized to perform requested action' });
      await request(s.t.server).patch(`/comments/${c.id}`).set(s.bob.auth).send({ content: '' }).expect(422);
      await request(s.t.server).patch('/comments/2000000000').set(s.bob.auth).send({ content: 'x' }).expect(404);
    });

    it("lets the owner or the post's owner delete, with the replies; nobody else", async () => {
      const carol = await createLoggedInUser(s.t);
      const before = await countOf(post.id);
      const top = (await comment(s.bob, post.id, { content: 'top' }).expect(201)).body;
      await comment(carol, post.id, { content: 'reply', reply_to: top.id }).expect(201);
      expect(await countOf(post.id)).toBe(before + 2);
      expect((await request(s.t.server).delete(`/comments/${top.id}`).set(carol.auth).expect(403)).body).toEqual({ detail: 'Not authorized to perform requested action' });
      await request(s.t.server).delete(`/comments/${top.id}`).set(s.alice.auth).expect(204);
      expect(await countOf(post.id)).toBe(before);
      expect(await s.t.db.query('SELECT 1 FROM comments WHERE id = $1 OR reply_to = $1', [top.id])).toEqual([]);
      await request(s.t.server).delete(`/comments/${top.id}`).set(s.bob.auth).expect(404);
      const own = (await comment(carol, post.id, { content: 'mine' }).expect(201)).body;
      await request(s.t.server).delete(`/comments/${own.id}`).set(carol.auth).expect(204);
    });

    it('go with their post, and with their owner', async () => {
      const dan = await createLoggedInUser(s.t);
      const doomed = await createPost(s.t, dan);
      await comment(s.bob, doomed.id, { content: 'x' }).expect(201);
      const kept = (await comment(dan, post.id, { content: 'by dan' }).expect(201)).body;
      await request(s.t.server).delete(`/posts/${doomed.id}`).set(dan.auth).expect(204);
      expect(await s.t.db.query('SELECT 1 FROM comments WHERE post_id = $1', [doomed.id])).toEqual([]);
      await request(s.t.server).delete('/users/me').set(dan.auth).send({ password: dan.password }).expect(204);
      expect(await s.t.db.query('SELECT 1 FROM comments WHERE id = $1', [kept.id])).toEqual([]);
      expect(await s.t.db.query('SELECT * FROM counter_drift()')).toEqual([]);
    });
  });
});
