import request from 'supertest';
import { feedQuery, readablePostQuery, searchCountSlack } from '../src/posts/posts.repository';
import { createLoggedInUser, createPost, LoggedInUser, useAppWithTwoUsers, vote } from './support/factories';

/**
 * The counters behind X-Total-Count and the vote counts (posts.votes_count,
 * users.drafts_count, post_totals) are kept by triggers: they must equal a count
 * of the tables after any write, through the API or in plain SQL.
 */
describe('post counters', () => {
  const s = useAppWithTwoUsers();

  /** Every counter that differs from a count of the tables it derives from (none, when they are exact). */
  const drift = async () => {
    const [totals] = await s.t.db.query(
      `SELECT (SELECT published FROM post_totals) AS kept, (SELECT count(*)::int FROM posts WHERE published) AS counted`,
    );
    const users = await s.t.db.query(
      `SELECT u.id, u.drafts_count AS kept, count(p.id)::int AS counted
       FROM users u LEFT JOIN posts p ON p.owner_id = u.id AND NOT p.published
       GROUP BY u.id HAVING u.drafts_count <> count(p.id)`,
    );
    const posts = await s.t.db.query(
      `SELECT p.id, p.votes_count AS kept, count(v.post_id)::int AS counted
       FROM posts p LEFT JOIN votes v ON v.post_id = p.id
       GROUP BY p.id HAVING p.votes_count <> count(v.post_id)`,
    );
    return { published: totals.kept === totals.counted ? [] : [totals], users, posts };
  };
  const noDrift = { published: [], users: [], posts: [] };

  const totalFor = async (user: LoggedInUser) => {
    const res = await request(s.t.server).get('/posts').set(user.auth).expect(200);
    const [{ n }] = await s.t.db.query('SELECT count(*)::int AS n FROM posts WHERE published OR owner_id = $1', [user.id]);
    expect(res.headers['x-total-count']).toBe(String(n));
    return n;
  };
  const votesOf = async (postId: number, user: LoggedInUser = s.alice) =>
    (await request(s.t.server).get(`/posts/${postId}`).set(user.auth).expect(200)).body.votes;

  it('count the feed exactly through the API: published posts plus the viewer\'s own drafts', async () => {
    const before = await totalFor(s.bob);
    const post = await createPost(s.t, s.alice);
    const draft = await createPost(s.t, s.alice, { published: false });
    expect(await totalFor(s.bob)).toBe(before + 1);
    const aliceTotal = await totalFor(s.alice);

    await request(s.t.server).patch(`/posts/${draft.id}`).set(s.alice.auth).send({ published: true }).expect(200);
    expect(await totalFor(s.bob)).toBe(before + 2);
    expect(await totalFor(s.alice)).toBe(aliceTotal);
    await request(s.t.server).put(`/posts/${post.id}`).set(s.alice.auth).send({ title: 't', content: 'c', published: false }).expect(200);
    expect(await totalFor(s.bob)).toBe(before + 1);
    await request(s.t.server).delete(`/posts/${post.id}`).set(s.alice.auth).expect(204);
    expect(await totalFor(s.alice)).toBe(aliceTotal - 1);
    expect(await drift()).toEqual(noDrift);
  });

  it('stay exact when posts are written in plain SQL: bulk inserts, updates of published and owner, deletes', async () => {
    await s.t.db.query(
      `INSERT INTO posts (title, content, published, owner_id) SELECT 'sql ' || i, 'c', i % 3 <> 0, CASE WHEN i % 2 = 0 THEN $1 ELSE $2 END::int
       FROM generate_series(1, 60) i`,
      [s.alice.id, s.bob.id],
    );
    expect(await drift()).toEqual(noDrift);
    await s.t.db.query(`UPDATE posts SET published = NOT published WHERE title LIKE 'sql %' AND id % 4 = 0`);
    await s.t.db.query(`UPDATE posts SET owner_id = $1 WHERE title LIKE 'sql %' AND owner_id = $2 AND id % 5 = 0`, [s.bob.id, s.alice.id]);
    await s.t.db.query(`UPDATE posts SET owner_id = $1, published = NOT published WHERE title LIKE 'sql %' AND owner_id = $2 AND id % 7 = 0`, [s.alice.id, s.bob.id]);
    expect(await drift()).toEqual(noDrift);
    await s.t.db.query(`DELETE FROM posts WHERE title LIKE 'sql %' AND id % 3 = 0`);
    expect(await drift()).toEqual(noDrift);
    await totalFor(s.alice);
    await totalFor(s.bob);
  });

  it('count votes through the API and in plain SQL: bulk inserts, moves, deletes, cascades', async () => {
    const voters = await Promise.all([1, 2, 3].map(() => createLoggedInUser(s.t)));
    const [a, b] = [await createPost(s.t, s.alice), await createPost(s.t, s.alice)];
    await vote(s.t, s.bob, a.id).expect(201);
    await vote(s.t, s.bob, a.id).expect(409);
    expect(await votesOf(a.id)).toBe(1);
    await vote(s.t, s.bob, a.id, 0).expect(201);
    expect(await votesOf(a.id)).toBe(0);

    await s.t.db.query(`INSERT INTO votes (user_id, post_id) SELECT u, p FROM unnest($1::int[]) u, unnest($2::int[]) p`, [
      [s.alice.id, s.bob.id, ...voters.map((v) => v.id)],
      [a.id, b.id],
    ]);
    expect([await votesOf(a.id), await votesOf(b.id)]).toEqual([5, 5]);
    await s.t.db.query(`DELETE FROM votes WHERE post_id = $1 AND user_id = $2`, [b.id, s.bob.id]);
    // A vote moved to another post (an operator's fix-up).
    await s.t.db.query(`UPDATE votes SET post_id = $1 WHERE post_id = $2 AND user_id = $3`, [b.id, a.id, s.bob.id]);
    expect([await votesOf(a.id), await votesOf(b.id)]).toEqual([4, 5]);
    // A user's deletion takes their votes on others' posts with it.
    await s.t.db.query(`DELETE FROM users WHERE id = $1`, [voters[0].id]);
    expect([await votesOf(a.id), await votesOf(b.id)]).toEqual([3, 4]);
    // A post's deletion takes its votes (nothing left to count); the other post keeps its count.
    await s.t.db.query(`DELETE FROM posts WHERE id = $1`, [a.id]);
    expect(await votesOf(b.id)).toBe(4);
    expect(await drift()).toEqual(noDrift);
  });

  it('never drift under concurrent votes on one post, through the API and in plain SQL', async () => {
    const post = await createPost(s.t, s.alice);
    const voters = await Promise.all(Array.from({ length: 12 }, () => createLoggedInUser(s.t)));
    const added = await Promise.all(voters.flatMap((v) => [vote(s.t, v, post.id, 1), vote(s.t, v, post.id, 1)]));
    expect(added.filter((r) => r.status === 201)).toHaveLength(12);
    expect(await votesOf(post.id)).toBe(12);
    const removed = await Promise.all(voters.slice(0, 6).flatMap((v) => [vote(s.t, v, post.id, 0), vote(s.t, v, post.id, 0)]));
    expect(removed.filter((r) => r.status === 201)).toHaveLength(6);
    expect(await votesOf(post.id)).toBe(6);

    // On PostgreSQL these run on the pool's several connections at once.
    await Promise.all(voters.slice(0, 6).map((v) => s.t.db.query(`INSERT INTO votes (user_id, post_id) VALUES ($1, $2)`, [v.id, post.id])));
    await Promise.all(voters.slice(6).map((v) => s.t.db.query(`DELETE FROM votes WHERE user_id = $1 AND post_id = $2`, [v.id, post.id])));
    expect(await votesOf(post.id)).toBe(6);
    expect(await drift()).toEqual(noDrift);
  });

  it('are recomputed from the tables by recount_post_counters() after writes that bypassed the triggers', async () => {
    const post = await createPost(s.t, s.alice);
    await s.t.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`INSERT INTO votes (user_id, post_id) VALUES ($1, $2)`, [s.bob.id, post.id]);
      await m.query(`UPDATE posts SET published = false WHERE id = $1`, [post.id]);
    });
    expect((await drift()).posts).toEqual([{ id: post.id, kept: 0, counted: 1 }]);
    await s.t.db.query(`SELECT recount_post_counters()`);
    expect(await drift()).toEqual(noDrift);
  });

  it("read no post's votes and count no posts to answer the feed and a post (query plans)", async () => {
    const post = await createPost(s.t, s.alice);
    type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] };
    /** The node and every node under it. */
    const subtree = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(subtree)];
    const nodes = async ([sql, params]: [string, unknown[]]) => {
      const [{ 'QUERY PLAN': plan }] = await s.t.db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      return subtree(plan[0].Plan);
    };
    // The one read of votes allowed: the viewer's own vote on each post of the page (`voted`),
    // a probe of the primary key by both its columns, never a scan of a post's votes.
    const votesRead = (plan: Awaited<ReturnType<typeof nodes>>) =>
      plan
        .filter((n) => n['Relation Name'] === 'votes')
        .map((n) => ({ type: n['Node Type'], index: n['Index Name'], byViewerAndPost: /user_id = .*post_id = /.test(n['Index Cond'] ?? '') }));
    const probe = { type: expect.stringMatching(/^Index (Only )?Scan$/), index: 'votes_pkey', byViewerAndPost: true };
    const feed = await nodes(feedQuery({ viewer: { id: s.alice.id, emails: 'public' }, search: '', limit: 10, countLimit: 10000 }));
    expect(votesRead(feed)).toEqual([probe]);
    // The one count: the published posts of the users across a block from the viewer, a probe of users by id for each.
    const counted = feed.filter((n) => n['Node Type'] === 'Aggregate').flatMap(subtree);
    expect(counted.filter((n) => n['Relation Name'] && !['blocks', 'users'].includes(n['Relation Name']))).toEqual([]);
    expect([...new Set(counted.filter((n) => n['Relation Name'] === 'users').map((n) => n['Index Name']))]).toEqual(['users_pkey']);
    const one = await nodes(readablePostQuery(post.id, s.alice.id));
    expect(votesRead(one)).toEqual([probe]);
    // A search counts, but never more than the cap plus one.
    const search = await nodes(feedQuery({ viewer: { id: s.alice.id, emails: 'public' }, search: 'x', limit: 10, countLimit: 10000 }));
    const aggregate = search.find((n) => n['Node Type'] === 'Aggregate');
    expect(aggregate?.Plans?.map((p) => p['Node Type'])).toEqual(['Limit']);
  });

  it("plan a search's matches for reading them all, and still stop counting one past the cap (query plans)", async () => {
    const tag = `lazy${Date.now()}`;
    for (let i = 0; i < 6; i++) await createPost(s.t, s.alice, { title: `${tag} ${i}` });
    const [sql, params] = feedQuery({ viewer: { id: s.alice.id, emails: 'public' }, search: tag, limit: 10, countLimit: 2 });
    const [{ 'QUERY PLAN': plan }] = await s.t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    type PlanNode = { 'Node Type': string; 'CTE Name'?: string; 'Subplan Name'?: string; 'Actual Rows': number; Plans?: PlanNode[] };
    const all: PlanNode[] = [];
    const walk = (node: PlanNode) => {
      all.push(node);
      (node.Plans ?? []).forEach(walk);
    };
    walk(plan[0].Plan);
    // The matches are their own plan (a MATERIALIZED CTE), which the planner costs as read in full,
    // so that no LIMIT in view makes a table scan look cheap for a common word ...
    expect(all.filter((n) => n['Subplan Name'] === 'CTE matches')).toHaveLength(1);
    // ... and the count reads them lazily: 4 of the 6 matches, one past the cap of 2 and the
    // slack that lets a search known to be past the cap survive a removal (searchCountSlack).
    const counted = all.filter((n) => n['Node Type'] === 'CTE Scan' && n['CTE Name'] === 'matches');
    expect(counted.map((n) => n['Actual Rows'])).toEqual([2 + 1 + searchCountSlack(2)]);
    const res = await request(s.t.server).get('/posts').query({ search: tag, limit: 10 }).set(s.bob.auth).expect(200);
    expect(res.body).toHaveLength(6);

    // A search known to be past the cap while post_totals.removals has not moved is not counted at all.
    const [{ removals }] = await s.t.db.query(`SELECT removals::text AS removals FROM post_totals`);
    const [knownSql, knownParams] = feedQuery({ viewer: { id: s.alice.id, emails: 'public' }, search: tag, limit: 10, countLimit: 2, knownOverUntil: removals });
    const [{ 'QUERY PLAN': knownPlan }] = await s.t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${knownSql}`, knownParams);
    const known: PlanNode[] = [];
    const walkKnown = (node: PlanNode & { 'Actual Loops'?: number }) => {
      known.push(node);
      (node.Plans ?? []).forEach(walkKnown);
    };
    walkKnown(knownPlan[0].Plan);
    const scans = known.filter((n) => n['Node Type'] === 'CTE Scan' && n['CTE Name'] === 'matches') as (PlanNode & { 'Actual Loops': number })[];
    expect(scans.map((n) => n['Actual Loops'])).toEqual([0]);
    const [row] = await s.t.db.query(knownSql, knownParams);
    expect(row.total).toBeNull();
  });

  it('are reset by TRUNCATE', async () => {
    const post = await createPost(s.t, s.alice, { published: false });
    await vote(s.t, s.alice, post.id).expect(201);
    await s.t.db.query('TRUNCATE votes');
    expect(await drift()).toEqual(noDrift);
    await s.t.db.query('TRUNCATE posts CASCADE');
    expect(await drift()).toEqual(noDrift);
    expect(await totalFor(s.alice)).toBe(0);
  });
});
