import request from 'supertest';
import { FeedCursors } from '../src/posts/feed-paging';
import { createLoggedInUser, createPost, LoggedInUser, unique, useAppWithTwoUsers } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Page = { ids: number[]; next?: string; link?: string; total: string };

describe('GET /posts: keyset paging', () => {
  const s = useAppWithTwoUsers();

  const page = async (query: Record<string, unknown>, user: LoggedInUser = s.alice): Promise<Page> => {
    const res = await request(s.t.server).get('/posts').query(query).set(user.auth).expect(200);
    return {
      ids: res.body.map((p: { Post: { id: number } }) => p.Post.id),
      next: res.headers['x-next-cursor'],
      link: res.headers['link'],
      total: res.headers['x-total-count'],
    };
  };

  /** Posts whose titles share a tag unique to the test; ids newest first. */
  const seed = async (n: number, tag: string, fields = {}) => {
    const ids = [];
    for (let i = 0; i < n; i++) ids.push((await createPost(s.t, s.alice, { title: `${tag} ${i}`, ...fields })).id);
    return ids.reverse();
  };

  it('links to the next page while there is one, keeping limit and search', async () => {
    const tag = `link${unique()}`;
    const ids = await seed(5, tag);
    const first = await page({ search: tag, limit: 2 });
    expect(first.ids).toEqual(ids.slice(0, 2));
    expect(first.next).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.link).toBe(`</posts?limit=2&cursor=${first.next}&search=${tag}>; rel="next"`);
    expect(first.total).toBe('5');

    const second = await page({ search: tag, limit: 2, cursor: first.next });
    expect(second.ids).toEqual(ids.slice(2, 4));
    expect(second.total).toBe('5');
    const last = await page({ search: tag, limit: 2, cursor: second.next });
    expect(last.ids).toEqual(ids.slice(4));
    expect(last.next).toBeUndefined();
    expect(last.link).toBeUndefined();
  });

  it('has no next page when the last page is exactly full', async () => {
    const tag = `full${unique()}`;
    const ids = await seed(4, tag);
    const first = await page({ search: tag, limit: 2 });
    const second = await page({ search: tag, limit: 2, cursor: first.next });
    expect(second.ids).toEqual(ids.slice(2));
    expect(second.next).toBeUndefined();
    expect(second.link).toBeUndefined();
  });

  it('follows the Link header as given, with a search that needs encoding', async () => {
    const tag = `enc${unique()}`;
    const search = `${tag} 100%&more`;
    const ids = await seed(3, search);
    const first = await page({ search, limit: 2 });
    const link = /^<([^>]+)>; rel="next"$/.exec(first.link!)![1];
    expect(link).toContain(`&search=${encodeURIComponent(search)}`);
    const res = await request(s.t.server).get(link).set(s.alice.auth).expect(200);
    expect(res.body.map((p: { Post: { id: number } }) => p.Post.id)).toEqual(ids.slice(2));
  });

  it('gives the course\'s skip pages a next link too', async () => {
    const tag = `skip${unique()}`;
    const ids = await seed(5, tag);
    const skipped = await page({ search: tag, limit: 2, skip: 1 });
    expect(skipped.ids).toEqual(ids.slice(1, 3));
    expect((await page({ search: tag, limit: 2, cursor: skipped.next })).ids).toEqual(ids.slice(3, 5));
  });

  it('continues without duplicates or gaps while posts are added and the feed is read by another user', async () => {
    const tag = `live${unique()}`;
    const ids = await seed(7, tag);
    const seen: number[] = [];
    let cursor: string | undefined;
    let query: Record<string, unknown> = { search: tag, limit: 3 };
    do {
      const p = await page(query, s.bob);
      seen.push(...p.ids);
      // New posts land on top of the feed, never inside the pages still to come.
      await seed(2, tag);
      cursor = p.next;
      query = { search: tag, limit: 3, cursor };
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('pages through the unfiltered feed with drafts only to their owner', async () => {
    const owner = await createLoggedInUser(s.t);
    const draft = await createPost(s.t, owner, { published: false });
    const all: number[] = [];
    let query: Record<string, unknown> = { limit: 100 };
    for (;;) {
      const p = await page(query, owner);
      all.push(...p.ids);
      if (!p.next) break;
      query = { limit: 100, cursor: p.next };
    }
    const [{ expected }] = await s.t.db.query('SELECT array_agg(id ORDER BY id DESC) AS expected FROM posts WHERE published OR owner_id = $1', [owner.id]);
    expect(all).toEqual(expected);
    expect(all).toContain(draft.id);
    expect((await page({ limit: 100 }, s.bob)).ids).not.toContain(draft.id);
  });

  describe('refuses', () => {
    const expect422 = async (query: Record<string, unknown>, type = 'value_error') => {
      const res = await request(s.t.server).get('/posts').query(query).set(s.alice.auth).expect(422);
      expect(res.body).toEqual({ detail: [{ loc: ['query', 'cursor'], msg: expect.any(String), type }] });
    };
    let cursor: string;
    beforeAll(async () => {
      await createPost(s.t, s.alice);
      await createPost(s.t, s.alice);
      cursor = (await page({ limit: 1 })).next!;
    });

    it('a cursor with skip, even skip=0', async () => {
      await expect422({ cursor, skip: 0 });
      await expect422({ cursor, skip: 5 });
    });

    it('a tampered cursor', async () => {
      const bytes = Buffer.from(cursor, 'base64url');
      for (const i of [0, 3, bytes.length - 1]) {
        const changed = Buffer.from(bytes);
        changed[i] ^= 1;
        await expect422({ cursor: changed.toString('base64url') });
      }
    });

    it('a cursor signed with another key, for any id', async () => {
      await expect422({ cursor: new FeedCursors('another-secret').encode(1) });
      await expect422({ cursor: new FeedCursors('another-secret').encode(2_000_000_000) });
    });

    it('a malformed cursor', async () => {
      for (const bad of ['', 'abc', `${cursor}A`, cursor.slice(0, -1), `${cursor.slice(0, 10)}*${cursor.slice(11)}`, '💥'.repeat(10)]) {
        await expect422({ cursor: bad });
      }
      await expect422({ cursor: 'x'.repeat(101) }, 'string_too_long');
      await expect422({ cursor: [cursor, cursor] }, 'string_type');
    });
  });

  it('lets browsers on other origins read the paging headers (CORS)', async () => {
    const res = await request(s.t.server).get('/posts').set(s.alice.auth).set('Origin', 'https://app.example');
    const exposed = res.headers['access-control-expose-headers'].split(',').map((h: string) => h.trim());
    expect(exposed).toEqual(expect.arrayContaining(['X-Total-Count', 'X-Total-Count-Capped', 'Link', 'X-Next-Cursor']));
  });

  it('declares the paging headers and the cursor parameter in the OpenAPI document', async () => {
    const doc = (await request(s.t.server).get('/openapi.json').expect(200)).body;
    const list = doc.paths['/posts'].get;
    expect(Object.keys(list.responses['200'].headers)).toEqual(expect.arrayContaining(['X-Total-Count', 'X-Total-Count-Capped', 'Link', 'X-Next-Cursor']));
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'skip', 'search', 'cursor']));
  });
});

describe('GET /posts: search counts stop at SEARCH_COUNT_LIMIT', () => {
  let t: TestApp;
  let user: LoggedInUser;
  beforeAll(async () => {
    t = await startTestApp({ SEARCH_COUNT_LIMIT: '3' });
    user = await createLoggedInUser(t);
  });
  afterAll(() => t.close());

  const feed = (query: Record<string, unknown>) => request(t.server).get('/posts').query(query).set(user.auth).expect(200);

  it('counts up to the limit exactly, then says the limit and X-Total-Count-Capped', async () => {
    const tag = `cap${unique()}`;
    for (let i = 0; i < 3; i++) await createPost(t, user, { title: `${tag} ${i}` });
    const exact = await feed({ search: tag });
    expect(exact.headers['x-total-count']).toBe('3');
    expect(exact.headers['x-total-count-capped']).toBeUndefined();

    for (let i = 3; i < 6; i++) await createPost(t, user, { title: `${tag} ${i}` });
    const capped = await feed({ search: tag, limit: 2 });
    expect(capped.headers['x-total-count']).toBe('3');
    expect(capped.headers['x-total-count-capped']).toBe('true');
    expect(capped.body).toHaveLength(2);
    // The cap is on counting only: every match can still be paged through.
    const rest = await feed({ search: tag, limit: 10, cursor: capped.headers['x-next-cursor'] });
    expect(rest.body).toHaveLength(4);
  });

  it('never caps the unfiltered feed, whose count is exact', async () => {
    const res = await feed({});
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM posts WHERE published OR owner_id = $1', [user.id]);
    expect(n).toBeGreaterThan(3);
    expect(res.headers['x-total-count']).toBe(String(n));
    expect(res.headers['x-total-count-capped']).toBeUndefined();
  });
});
