import request from 'supertest';
import { createLoggedInUser, createPost, LoggedInUser, unique } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A search past SEARCH_COUNT_LIMIT is remembered (src/posts/search-counts.ts) and not
 * counted again until enough posts have left its matches; every answer must stay the
 * one a fresh count gives. With a limit of 3, a search counts up to 5 matches (one past
 * the limit and a slack of 1), so one with 5 published matches survives one removal.
 */
describe('searches past SEARCH_COUNT_LIMIT', () => {
  let t: TestApp;
  let alice: LoggedInUser;
  let bob: LoggedInUser;
  beforeAll(async () => {
    t = await startTestApp({ SEARCH_COUNT_LIMIT: '3' });
    [alice, bob] = await Promise.all([createLoggedInUser(t), createLoggedInUser(t)]);
  });
  afterAll(() => t.close());

  /** X-Total-Count and X-Total-Count-Capped of bob's (or another viewer's) search. */
  const countOf = async (search: string, viewer = bob) => {
    const res = await request(t.server).get('/posts').query({ search }).set(viewer.auth).expect(200);
    return [res.headers['x-total-count'], res.headers['x-total-count-capped'] ?? null];
  };
  const seed = async (n: number, fields = {}) => {
    const tag = `known${unique()}`;
    const posts = [];
    for (let i = 0; i < n; i++) posts.push(await createPost(t, alice, { title: `${tag} ${i}`, ...fields }));
    return { tag, ids: posts.map((p) => p.id) };
  };

  it('stays past the limit through new posts and one removal, and is counted again once more leave (plain SQL)', async () => {
    const { tag, ids } = await seed(5);
    expect(await countOf(tag)).toEqual(['3', 'true']);
    await createPost(t, alice, { title: `${tag} new` });
    expect(await countOf(tag)).toEqual(['3', 'true']);
    await t.db.query(`DELETE FROM posts WHERE id = ANY($1)`, [ids.slice(0, 2)]);
    expect(await countOf(tag)).toEqual(['3', 'true']);
    await t.db.query(`DELETE FROM posts WHERE id = ANY($1)`, [ids.slice(2, 4)]);
    expect(await countOf(tag)).toEqual(['2', null]);
  });

  it('is counted again when matches are unpublished or retitled', async () => {
    const unpublished = await seed(5);
    expect(await countOf(unpublished.tag)).toEqual(['3', 'true']);
    for (const id of unpublished.ids.slice(0, 3)) await request(t.server).patch(`/posts/${id}`).set(alice.auth).send({ published: false }).expect(200);
    expect(await countOf(unpublished.tag)).toEqual(['2', null]);
    expect(await countOf(unpublished.tag, alice)).toEqual(['3', 'true']);

    const retitled = await seed(5);
    expect(await countOf(retitled.tag)).toEqual(['3', 'true']);
    await t.db.query(`UPDATE posts SET title = 'something else' WHERE id = ANY($1)`, [retitled.ids.slice(0, 2)]);
    expect(await countOf(retitled.tag)).toEqual(['3', null]);
  });

  it("does not take one viewer's drafts for matches that others see", async () => {
    const { tag } = await seed(3, { published: false });
    await createPost(t, alice, { title: `${tag} published` });
    expect(await countOf(tag, alice)).toEqual(['3', 'true']);
    expect(await countOf(tag)).toEqual(['1', null]);
  });
});
