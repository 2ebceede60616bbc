import request from 'supertest';
import { LoggedInUser, createPost, unique, userOut, useAppWithTwoUsers, vote } from './support/factories';

describe('posts', () => {
  const s = useAppWithTwoUsers();

  describe('POST /posts', () => {
    it('answers 201 Post with its owner, published by default', async () => {
      const res = await request(s.t.server).post('/posts').set(s.alice.auth).send({ title: 'Hello', content: 'World' }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        title: 'Hello',
        content: 'World',
        published: true,
        created_at: expect.stringMatching(/[+-]\d\d:\d\d$/),
        owner_id: s.alice.id,
        owner: userOut(s.alice),
      });
    });

    it('keeps published: false', async () => {
      const post = await createPost(s.t, s.alice, { published: false });
      expect(post.published).toBe(false);
    });

    it('ignores an owner_id or id in the body', async () => {
      const res = await request(s.t.server).post('/posts').set(s.alice.auth).send({ title: 't', content: 'c', owner_id: s.bob.id, id: 1 }).expect(201);
      expect(res.body.owner_id).toBe(s.alice.id);
    });

    it.each([
      ['no title', { content: 'c' }, 'title', 'missing'],
      ['no content', { title: 't' }, 'content', 'missing'],
      ['a numeric title', { title: 123, content: 'c' }, 'title', 'string_type'],
      ['a numeric content', { title: 't', content: 4.5 }, 'content', 'string_type'],
      ['a string published', { title: 't', content: 'c', published: 'yes' }, 'published', 'bool_type'],
      ['a null published', { title: 't', content: 'c', published: null }, 'published', 'bool_type'],
      ['an empty title', { title: '', content: 'c' }, 'title', 'string_too_short'],
      ['a title over 300 characters', { title: 'x'.repeat(301), content: 'c' }, 'title', 'string_too_long'],
      ['a content over 20000 characters', { title: 't', content: 'x'.repeat(20001) }, 'content', 'string_too_long'],
    ])('answers 422 for %s', async (_case, body, field, type) => {
      const res = await request(s.t.server).post('/posts').set(s.alice.auth).send(body).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['body', field], msg: expect.any(String), type }]);
    });

    it('accepts the longest title and content', async () => {
      await request(s.t.server).post('/posts').set(s.alice.auth).send({ title: 'x'.repeat(300), content: 'y'.repeat(20000) }).expect(201);
    });

    it('answers 422 json_invalid for malformed JSON (with a token)', async () => {
      const res = await request(s.t.server).post('/posts').set(s.alice.auth).set('Content-Type', 'application/json').send('{"title": "x",').expect(422);
      expect(res.body.detail).toEqual([{ loc: ['body', expect.any(Number)], msg: 'JSON decode error', type: 'json_invalid' }]);
    });

    it('answers 413 in the contract shape for a body over 100 KB', async () => {
      const res = await request(s.t.server).post('/posts').set(s.alice.auth).send({ title: 't', content: 'x'.repeat(101 * 1024) }).expect(413);
      expect(res.body).toEqual({ detail: expect.any(String) });
    });

    it('answers 401 without a token', async () => {
      await request(s.t.server).post('/posts').send({ title: 't', content: 'c' }).expect(401);
    });
  });

  describe('GET /posts/{id}', () => {
    it('answers 200 PostOut with the vote count', async () => {
      const post = await createPost(s.t, s.alice);
      await vote(s.t, s.alice, post.id).expect(201);
      await vote(s.t, s.bob, post.id).expect(201);
      const res = await request(s.t.server).get(`/posts/${post.id}`).set(s.bob.auth).expect(200);
      expect(res.body).toEqual({
        Post: { ...post, owner: userOut(s.alice) },
        votes: 2,
        voted: true,
        comments: 0,
      });
    });

    it("answers 404 for a missing post and for someone else's draft, 200 for one's own draft", async () => {
      const draft = await createPost(s.t, s.alice, { published: false });
      await request(s.t.server).get(`/posts/${draft.id}`).set(s.alice.auth).expect(200);
      const res = await request(s.t.server).get(`/posts/${draft.id}`).set(s.bob.auth).expect(404);
      expect(res.body).toEqual({ detail: `post with id: ${draft.id} was not found` });
      const missing = await request(s.t.server).get('/posts/99999999').set(s.bob.auth).expect(404);
      expect(missing.body).toEqual({ detail: 'post with id: 99999999 was not found' });
    });

    it('answers 404 for an id beyond the database range and 422 for a non-integer id', async () => {
      await request(s.t.server).get('/posts/99999999999').set(s.alice.auth).expect(404);
      await request(s.t.server).get('/posts/99999999999999999999999').set(s.alice.auth).expect(404);
      const res = await request(s.t.server).get('/posts/abc').set(s.alice.auth).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['path', 'id'], msg: expect.any(String), type: 'int_parsing' }]);
    });

    it('answers 401 without a token', async () => {
      await request(s.t.server).get('/posts/1').expect(401);
    });
  });

  describe('GET /posts', () => {
    /** Posts whose titles share a tag unique to the test, so the test does not depend on other rows. */
    const seed = async (owner: LoggedInUser, n: number, tag: string, fields = {}) => {
      const posts = [];
      for (let i = 0; i < n; i++) posts.push(await createPost(s.t, owner, { title: `${tag} number ${i}`, ...fields }));
      return posts;
    };

    it('lists PostOut newest first, with vote counts and X-Total-Count', async () => {
      const tag = `feed${unique()}`;
      const [older, newer] = await seed(s.alice, 2, tag);
      await vote(s.t, s.bob, older.id).expect(201);
      const res = await request(s.t.server).get('/posts').query({ search: tag }).set(s.bob.auth).expect(200);
      expect(res.body.map((p: { Post: { id: number } }) => p.Post.id)).toEqual([newer.id, older.id]);
      expect(res.body.map((p: { votes: number }) => p.votes)).toEqual([0, 1]);
      expect(res.body.map((p: { voted: boolean }) => p.voted)).toEqual([false, true]);
      expect(res.body[0].Post.owner).toEqual(userOut(s.alice));
      expect(res.headers['x-total-count']).toBe('2');
    });

    it('pages with limit and skip, stably, with the total of all matches', async () => {
      const tag = `page${unique()}`;
      const ids = (await seed(s.alice, 5, tag)).map((p) => p.id).reverse();
      const page = async (limit: number, skip: number) => {
        const res = await request(s.t.server).get('/posts').query({ search: tag, limit, skip }).set(s.alice.auth).expect(200);
        expect(res.headers['x-total-count']).toBe('5');
        return res.body.map((p: { Post: { id: number } }) => p.Post.id);
      };
      expect(await page(2, 0)).toEqual(ids.slice(0, 2));
      expect(await page(2, 2)).toEqual(ids.slice(2, 4));
      expect(await page(2, 4)).toEqual(ids.slice(4));
      expect(await page(2, 6)).toEqual([]);
    });

    it('defaults to 10 posts', async () => {
      const tag = `default${unique()}`;
      await seed(s.alice, 11, tag);
      const res = await request(s.t.server).get('/posts').query({ search: tag }).set(s.alice.auth).expect(200);
      expect(res.body).toHaveLength(10);
      expect(res.headers['x-total-count']).toBe('11');
    });

    it('searches titles case-insensitively, with % and _ matching themselves', async () => {
      const tag = `srch${unique()}`;
      const percent = await createPost(s.t, s.alice, { title: `${tag} 100% Sure` });
      const underscore = await createPost(s.t, s.alice, { title: `${tag} snake_case` });
      await createPost(s.t, s.alice, { title: `${tag} 100 points sure` });
      await createPost(s.t, s.alice, { title: `${tag} snakeXcase` });
      const ids = async (search: string) => {
        const res = await request(s.t.server).get('/posts').query({ search }).set(s.alice.auth).expect(200);
        return res.body.map((p: { Post: { id: number } }) => p.Post.id);
      };
      expect(await ids(`${tag} 100% SURE`.toUpperCase())).toEqual([percent.id]);
      expect(await ids(`${tag} snake_case`)).toEqual([underscore.id]);
      expect(await ids(`${tag}%`)).toEqual([]);
      expect(await ids(`${tag.toUpperCase()}`)).toHaveLength(4);
    });

    it("shows drafts only to their owner, and counts them the same way", async () => {
      const tag = `draft${unique()}`;
      const draft = await createPost(s.t, s.alice, { title: `${tag} draft`, published: false });
      const published = await createPost(s.t, s.alice, { title: `${tag} published` });
      const asAlice = await request(s.t.server).get('/posts').query({ search: tag }).set(s.alice.auth).expect(200);
      expect(asAlice.body.map((p: { Post: { id: number } }) => p.Post.id)).toEqual([published.id, draft.id]);
      expect(asAlice.headers['x-total-count']).toBe('2');
      const asBob = await request(s.t.server).get('/posts').query({ search: tag }).set(s.bob.auth).expect(200);
      expect(asBob.body.map((p: { Post: { id: number } }) => p.Post.id)).toEqual([published.id]);
      expect(asBob.headers['x-total-count']).toBe('1');
    });

    it.each([
      [{ limit: 0 }, 'limit', 'greater_than_equal'],
      [{ limit: 101 }, 'limit', 'less_than_equal'],
      [{ limit: 'ten' }, 'limit', 'int_parsing'],
      [{ skip: -1 }, 'skip', 'greater_than_equal'],
      [{ skip: '1.5' }, 'skip', 'int_parsing'],
    ])('answers 422 for %o', async (query, field, type) => {
      const res = await request(s.t.server).get('/posts').query(query).set(s.alice.auth).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['query', field], msg: expect.any(String), type }]);
    });

    it('accepts limit 1 and 100', async () => {
      await request(s.t.server).get('/posts?limit=1').set(s.alice.auth).expect(200);
      await request(s.t.server).get('/posts?limit=100').set(s.alice.auth).expect(200);
    });

    it('answers 401 without a token', async () => {
      await request(s.t.server).get('/posts').expect(401);
    });
  });

  describe('PUT /posts/{id}', () => {
    it('replaces the post; published defaults to true; an id in the body is ignored', async () => {
      const post = await createPost(s.t, s.alice, { published: false });
      const res = await request(s.t.server).put(`/posts/${post.id}`).set(s.alice.auth).send({ id: post.id, title: 'new title', content: 'new content' }).expect(200);
      expect(res.body).toEqual({ ...post, title: 'new title', content: 'new content', published: true, owner: expect.objectContaining({ id: s.alice.id }) });
      const read = await request(s.t.server).get(`/posts/${post.id}`).set(s.bob.auth).expect(200);
      expect(read.body.Post.title).toBe('new title');
    });

    it("answers 403 for someone else's post and leaves it unchanged", async () => {
      const post = await createPost(s.t, s.alice);
      const res = await request(s.t.server).put(`/posts/${post.id}`).set(s.bob.auth).send({ title: 'x', content: 'y' }).expect(403);
      expect(res.body).toEqual({ detail: 'Not authorized to perform requested action' });
      const read = await request(s.t.server).get(`/posts/${post.id}`).set(s.alice.auth).expect(200);
      expect(read.body.Post.title).toBe(post.title);
    });

    it("answers 404 for a missing post, someone else's draft and an out-of-range id", async () => {
      const draft = await createPost(s.t, s.alice, { published: false });
      for (const id of [99999999, draft.id, 99999999999]) {
        const res = await request(s.t.server).put(`/posts/${id}`).set(s.bob.auth).send({ title: 'x', content: 'y' }).expect(404);
        expect(res.body).toEqual({ detail: `post with id: ${id} does not exist` });
      }
    });

    it('answers 422 for a partial body and 401 without a token', async () => {
      const post = await createPost(s.t, s.alice);
      const res = await request(s.t.server).put(`/posts/${post.id}`).set(s.alice.auth).send({ title: 'only title' }).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['body', 'content'], msg: 'Field required', type: 'missing' }]);
      await request(s.t.server).put(`/posts/${post.id}`).send({ title: 'x', content: 'y' }).expect(401);
    });
  });

  describe('PATCH /posts/{id}', () => {
    it('changes only the given fields', async () => {
      const post = await createPost(s.t, s.alice, { published: false });
      const res = await request(s.t.server).patch(`/posts/${post.id}`).set(s.alice.auth).send({ content: 'patched' }).expect(200);
      expect(res.body).toMatchObject({ id: post.id, title: post.title, content: 'patched', published: false });
      const empty = await request(s.t.server).patch(`/posts/${post.id}`).set(s.alice.auth).send({}).expect(200);
      expect(empty.body).toMatchObject({ title: post.title, content: 'patched', published: false });
    });

    it('answers 403, 404, 422 and 401 like PUT', async () => {
      const post = await createPost(s.t, s.alice);
      await request(s.t.server).patch(`/posts/${post.id}`).set(s.bob.auth).send({ title: 'x' }).expect(403);
      await request(s.t.server).patch('/posts/99999999').set(s.bob.auth).send({ title: 'x' }).expect(404);
      const res = await request(s.t.server).patch(`/posts/${post.id}`).set(s.alice.auth).send({ title: 5 }).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['body', 'title'], msg: expect.any(String), type: 'string_type' }]);
      await request(s.t.server).patch(`/posts/${post.id}`).send({ title: 'x' }).expect(401);
    });
  });

  describe('DELETE /posts/{id}', () => {
    it('answers 204 with an empty body and deletes the post and its votes', async () => {
      const post = await createPost(s.t, s.alice);
      await vote(s.t, s.bob, post.id).expect(201);
      const res = await request(s.t.server).delete(`/posts/${post.id}`).set(s.alice.auth).expect(204);
      expect(res.text).toBe('');
      await request(s.t.server).get(`/posts/${post.id}`).set(s.alice.auth).expect(404);
      const [{ count }] = await s.t.db.query('SELECT count(*)::int AS count FROM votes WHERE post_id = $1', [post.id]);
      expect(count).toBe(0);
    });

    it("answers 403 for someone else's post, 404 for a missing one, 422 and 401", async () => {
      const post = await createPost(s.t, s.alice);
      const forbidden = await request(s.t.server).delete(`/posts/${post.id}`).set(s.bob.auth).expect(403);
      expect(forbidden.body).toEqual({ detail: 'Not authorized to perform requested action' });
      await request(s.t.server).get(`/posts/${post.id}`).set(s.alice.auth).expect(200);
      const missing = await request(s.t.server).delete('/posts/99999999').set(s.alice.auth).expect(404);
      expect(missing.body).toEqual({ detail: 'post with id: 99999999 does not exist' });
      await request(s.t.server).delete('/posts/abc').set(s.alice.auth).expect(422);
      await request(s.t.server).delete(`/posts/${post.id}`).expect(401);
    });
  });
});
