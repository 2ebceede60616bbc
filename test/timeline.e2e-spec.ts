import request from 'supertest';
import { TimelineFanout } from '../src/timeline/timeline-fanout';
import { createLoggedInUser, createPost, eventually, follow, LoggedInUser, TestPost } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * GET /timeline: the published posts of everyone the reader follows and their own,
 * newest first. Posts are pushed into followers' timelines by the fan-out worker
 * outside the request (within a second); authors with more than
 * TIMELINE_PUSH_MAX_FOLLOWERS followers are merged in when a timeline is read.
 */
describe('home timeline', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ TIMELINE_PUSH_MAX_FOLLOWERS: '3' })));
  afterAll(() => t.close());

  const timeline = async (reader: LoggedInUser, query = '') => {
    const res = await request(t.server).get(`/timeline${query}`).set(reader.auth).expect(200);
    return { ids: res.body.map((p: { Post: { id: number } }) => p.Post.id) as number[], res };
  };
  const ids = (posts: TestPost[]) => posts.map((p) => p.id).reverse();
  /** Waits for the timeline to be `expected` (the fan-out runs outside the request). */
  const timelineBecomes = (reader: LoggedInUser, expected: number[]) =>
    eventually(async () => expect((await timeline(reader, '?limit=100')).ids).toEqual(expected));

  it('shows your own posts at once, and the posts of whom you follow, newest first; drafts never', async () => {
    const [reader, author, stranger] = [await createLoggedInUser(t), await createLoggedInUser(t), await createLoggedInUser(t)];
    await follow(t, reader, author).expect(200);
    const own = await createPost(t, reader);
    expect((await timeline(reader)).ids).toEqual([own.id]);
    const theirs = await createPost(t, author);
    await createPost(t, author, { published: false });
    await createPost(t, reader, { published: false });
    await createPost(t, stranger);
    await timelineBecomes(reader, [theirs.id, own.id]);
    const { res } = await timeline(reader);
    expect(res.body[0]).toMatchObject({ Post: { id: theirs.id, owner: { username: author.username } }, votes: 0, voted: false });
    expect(res.headers['x-total-count']).toBeUndefined();
  });

  it("brings a new followee's earlier posts in, and takes an unfollowed author's out on the next read", async () => {
    const [reader, author] = [await createLoggedInUser(t), await createLoggedInUser(t)];
    const earlier = [await createPost(t, author), await createPost(t, author)];
    await follow(t, reader, author).expect(200);
    await timelineBecomes(reader, ids(earlier));
    await follow(t, reader, author, false).expect(200);
    expect((await timeline(reader)).ids).toEqual([]);
    // The clean-up job runs after; following again brings them back.
    await eventually(async () => expect(await t.db.query('SELECT 1 FROM timeline_entries WHERE user_id = $1', [reader.id])).toEqual([]));
    await follow(t, reader, author).expect(200);
    await timelineBecomes(reader, ids(earlier));
  });

  it('drops a deleted or unpublished post on the next read, and shows it again when republished', async () => {
    const [reader, author] = [await createLoggedInUser(t), await createLoggedInUser(t)];
    await follow(t, reader, author).expect(200);
    const [a, b] = [await createPost(t, author), await createPost(t, author)];
    await timelineBecomes(reader, [b.id, a.id]);
    await request(t.server).delete(`/posts/${a.id}`).set(author.auth).expect(204);
    await request(t.server).patch(`/posts/${b.id}`).set(author.auth).send({ published: false }).expect(200);
    expect((await timeline(reader)).ids).toEqual([]);
    await request(t.server).patch(`/posts/${b.id}`).set(author.auth).send({ published: true }).expect(200);
    expect((await timeline(reader)).ids).toEqual([b.id]);
  });

  it('pages by cursor, newest first, without gaps or repeats; a bad cursor is a 422', async () => {
    const [reader, author] = [await createLoggedInUser(t), await createLoggedInUser(t)];
    await follow(t, reader, author).expect(200);
    const posts: TestPost[] = [];
    for (let i = 0; i < 5; i++) posts.push(await createPost(t, i % 2 ? reader : author));
    await timelineBecomes(reader, ids(posts));
    const first = await timeline(reader, '?limit=2');
    expect(first.ids).toEqual(ids(posts).slice(0, 2));
    const cursor = first.res.headers['x-next-cursor'];
    expect(first.res.headers.link).toBe(`</timeline?limit=2&cursor=${cursor}>; rel="next"`);
    const second = await timeline(reader, `?limit=2&cursor=${cursor}`);
    expect(second.ids).toEqual(ids(posts).slice(2, 4));
    const third = await timeline(reader, `?limit=2&cursor=${second.res.headers['x-next-cursor']}`);
    expect(third.ids).toEqual(ids(posts).slice(4));
    expect(third.res.headers['x-next-cursor']).toBeUndefined();
    for (const query of ['?cursor=abc', '?limit=0', '?limit=101', '?limit=x']) {
      await request(t.server).get(`/timeline${query}`).set(reader.auth).expect(422);
    }
  });

  it('takes posts and follows written in plain SQL', async () => {
    const [reader, author] = [await createLoggedInUser(t), await createLoggedInUser(t)];
    const [{ id: old }] = await t.db.query(`INSERT INTO posts (title, content, owner_id) VALUES ('sql', 'old', $1) RETURNING id`, [author.id]);
    await t.db.query('INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)', [reader.id, author.id]);
    const [{ id: fresh }] = await t.db.query(`INSERT INTO posts (title, content, owner_id) VALUES ('sql', 'new', $1) RETURNING id`, [author.id]);
    await timelineBecomes(reader, [fresh, old]);
  });

  it('merges the posts of an author with many followers in at read time, once each, at once', async () => {
    const star = await createLoggedInUser(t);
    const fans = await Promise.all([1, 2, 3, 4].map(() => createLoggedInUser(t)));
    for (const fan of fans.slice(0, 3)) await follow(t, fan, star).expect(200);
    // Pushed while the star has no more followers than the limit: once pulled, it is in both sources.
    const before = await createPost(t, star);
    await timelineBecomes(fans[0], [before.id]);
    await follow(t, fans[3], star).expect(200);
    await timelineBecomes(fans[3], [before.id]);
    // The first post past the limit marks the star as one to pull.
    const trigger = await createPost(t, star);
    await eventually(async () => expect((await t.db.query('SELECT timeline_pulled FROM users WHERE id = $1', [star.id]))[0].timeline_pulled).toBe(true));
    // From now on a post is in every fan's timeline on the first read after its 201.
    const after = await createPost(t, star);
    for (const fan of fans) expect((await timeline(fan)).ids).toEqual([after.id, trigger.id, before.id]);
    // A new follower sees all of it at once too, and an unfollow still takes it out.
    const late = await createLoggedInUser(t);
    await follow(t, late, star).expect(200);
    expect((await timeline(late)).ids).toEqual([after.id, trigger.id, before.id]);
    await follow(t, fans[0], star, false).expect(200);
    expect((await timeline(fans[0])).ids).toEqual([]);
  });

  it('leaves no job behind', async () => {
    await t.app.get(TimelineFanout).drain();
    expect(await t.db.query('SELECT * FROM timeline_jobs')).toEqual([]);
  });

  it('answers 401 without a token', async () => {
    await request(t.server).get('/timeline').expect(401);
  });
});
