import request from 'supertest';
import { createLoggedInUser, createPost, useAppWithTwoUsers, vote } from './support/factories';

describe('POST /vote', () => {
  const s = useAppWithTwoUsers();

  const votesOf = async (postId: number) => {
    const res = await request(s.t.server).get(`/posts/${postId}`).set(s.alice.auth).expect(200);
    return res.body.votes as number;
  };

  it('adds a vote (201), refuses a second one (409), deletes it (201), then has none to delete (404)', async () => {
    const post = await createPost(s.t, s.alice);
    expect((await vote(s.t, s.bob, post.id, 1).expect(201)).body).toEqual({ message: 'successfully added vote' });
    expect(await votesOf(post.id)).toBe(1);
    expect((await vote(s.t, s.bob, post.id, 1).expect(409)).body).toEqual({ detail: `user ${s.bob.id} has already voted on post ${post.id}` });
    expect((await vote(s.t, s.bob, post.id, 0).expect(201)).body).toEqual({ message: 'successfully deleted vote' });
    expect(await votesOf(post.id)).toBe(0);
    expect((await vote(s.t, s.bob, post.id, 0).expect(404)).body).toEqual({ detail: 'Vote does not exist' });
  });

  it('lets owners vote on their own posts and counts each user once', async () => {
    const post = await createPost(s.t, s.alice);
    await vote(s.t, s.alice, post.id).expect(201);
    await vote(s.t, s.bob, post.id).expect(201);
    expect(await votesOf(post.id)).toBe(2);
  });

  it("answers 404 for a missing post, an out-of-range id and someone else's draft", async () => {
    const draft = await createPost(s.t, s.alice, { published: false });
    for (const id of [99999999, 99999999999, draft.id]) {
      for (const dir of [0, 1] as const) {
        const res = await vote(s.t, s.bob, id, dir).expect(404);
        expect(res.body).toEqual({ detail: `Post with id: ${id} does not exist` });
      }
    }
    await vote(s.t, s.alice, draft.id).expect(201);
  });

  it.each([
    ['dir 2', { post_id: 1, dir: 2 }, 'dir', 'literal_error'],
    ['dir -1', { post_id: 1, dir: -1 }, 'dir', 'literal_error'],
    ['dir as a string', { post_id: 1, dir: 'up' }, 'dir', 'int_parsing'],
    ['no dir', { post_id: 1 }, 'dir', 'missing'],
    ['no post_id', { dir: 1 }, 'post_id', 'missing'],
    ['a fractional post_id', { post_id: 1.5, dir: 1 }, 'post_id', 'int_parsing'],
  ])('answers 422 for %s', async (_case, body, field, type) => {
    const res = await request(s.t.server).post('/vote').set(s.alice.auth).send(body).expect(422);
    expect(res.body.detail).toEqual([{ loc: ['body', field], msg: expect.any(String), type }]);
  });

  it('answers 401 without a token', async () => {
    const res = await request(s.t.server).post('/vote').send({ post_id: 1, dir: 1 }).expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('gives exactly one 201 to concurrent identical votes, the others 409, and the count does not drift', async () => {
    const post = await createPost(s.t, s.alice);
    const answers = await Promise.all(Array.from({ length: 12 }, () => vote(s.t, s.bob, post.id, 1)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(11).fill(409)]);
    expect(await votesOf(post.id)).toBe(1);
    const removals = await Promise.all(Array.from({ length: 6 }, () => vote(s.t, s.bob, post.id, 0)));
    expect(removals.map((r) => r.status).sort()).toEqual([201, 404, 404, 404, 404, 404]);
    expect(await votesOf(post.id)).toBe(0);
  });

  it('keeps counts right when many users vote on one post at once', async () => {
    const post = await createPost(s.t, s.alice);
    const voters = await Promise.all(Array.from({ length: 8 }, () => createLoggedInUser(s.t)));
    const answers = await Promise.all(voters.map((v) => vote(s.t, v, post.id, 1)));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    expect(await votesOf(post.id)).toBe(8);
  });
});
