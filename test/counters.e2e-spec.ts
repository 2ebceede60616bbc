import request from 'supertest';
import { createLoggedInUser, createPost, follow, useAppWithTwoUsers } from './support/factories';

/**
 * Every counter the migrations declare (migrations/counters.ts) is registered in the
 * `counters` table: counter_drift() compares each with a count of its tables, and
 * recount_counters() repairs them all after writes that bypassed the triggers.
 */
describe('declared counters', () => {
  const s = useAppWithTwoUsers();
  const drift = () => s.t.db.query<{ counter: string; id: string | null; kept: string; counted: string }[]>('SELECT * FROM counter_drift()');

  it('stay exact through bulk writes, updates that move rows between counts, cascades and TRUNCATE', async () => {
    const carol = await createLoggedInUser(s.t);
    await s.t.db.query(
      `INSERT INTO posts (title, content, published, owner_id) SELECT 'bulk ' || i, 'c', i % 3 <> 0, CASE WHEN i % 2 = 0 THEN $1 ELSE $2 END::int
       FROM generate_series(1, 30) i`,
      [s.alice.id, carol.id],
    );
    await s.t.db.query(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2), ($2, $1), ($3, $1)`, [s.alice.id, carol.id, s.bob.id]);
    await s.t.db.query(`INSERT INTO votes (user_id, post_id) SELECT $1, id FROM posts WHERE owner_id = $2`, [s.bob.id, carol.id]);
    await s.t.db.query(`UPDATE posts SET published = NOT published, owner_id = $1 WHERE owner_id = $2 AND id % 4 = 0`, [s.alice.id, carol.id]);
    await s.t.db.query(`UPDATE follows SET followee_id = $1 WHERE follower_id = $2`, [s.bob.id, s.alice.id]);
    expect(await drift()).toEqual([]);
    await s.t.db.query(`DELETE FROM users WHERE id = $1`, [carol.id]);
    expect(await drift()).toEqual([]);
    await s.t.db.query('TRUNCATE votes, follows');
    expect(await drift()).toEqual([]);
  });

  it('are each reported by counter_drift() when the triggers were bypassed, and repaired by recount_counters()', async () => {
    const dan = await createLoggedInUser(s.t);
    const post = await createPost(s.t, dan);
    await follow(s.t, s.alice, dan).expect(200);
    await s.t.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`INSERT INTO votes (user_id, post_id) VALUES ($1, $2)`, [s.bob.id, post.id]);
      await m.query(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)`, [s.bob.id, dan.id]);
      await m.query(`INSERT INTO posts (title, content, published, owner_id) VALUES ('x', 'y', true, $1), ('x', 'y', false, $1)`, [dan.id]);
      const [{ id: comment }] = await m.query(`INSERT INTO comments (post_id, owner_id, content) VALUES ($1, $2, 'c') RETURNING id`, [post.id, s.bob.id]);
      await m.query(`INSERT INTO comments (post_id, owner_id, content, reply_to) VALUES ($1, $2, 'r', $3)`, [post.id, dan.id, comment]);
      await m.query(`INSERT INTO notifications (user_id, kind, actor_id) VALUES ($1, 'follow', $2)`, [dan.id, s.bob.id]);
    });
    const registered = (await s.t.db.query<{ name: string }[]>('SELECT name FROM counters ORDER BY name')).map((c) => c.name);
    const drifted = new Set((await drift()).map((d) => d.counter));
    // The bypassed writes move every registered counter, and each is reported.
    expect(registered.length).toBeGreaterThanOrEqual(9);
    expect(registered.filter((name) => !drifted.has(name))).toEqual([]);
    await s.t.db.query('SELECT recount_counters()');
    expect(await drift()).toEqual([]);
  });

  it('stay exact when follows, unfollows, votes, comments and blocks race, notifications taken back with them', async () => {
    const target = await createLoggedInUser(s.t);
    const post = await createPost(s.t, target);
    const racers = await Promise.all(Array.from({ length: 10 }, () => createLoggedInUser(s.t)));
    const api = (method: 'put' | 'delete' | 'post', path: string, user: { auth: Record<string, string> }, body?: object) =>
      request(s.t.server)[method](path).set(user.auth).send(body);
    // Each racer follows, unfollows and follows again, votes twice and takes it back, comments:
    // all at once, and half of them are blocked by the target meanwhile.
    await Promise.all(
      racers.flatMap((r, i) => [
        follow(s.t, r, target),
        follow(s.t, r, target, false),
        follow(s.t, r, target),
        api('put', `/posts/${post.id}/vote`, r),
        api('put', `/posts/${post.id}/vote`, r),
        api('delete', `/posts/${post.id}/vote`, r),
        api('put', `/posts/${post.id}/vote`, r),
        api('post', `/posts/${post.id}/comments`, r, { content: `race ${i}` }),
        ...(i % 2 === 0 ? [api('put', `/profiles/${r.username}/block`, target)] : []),
      ]),
    );
    expect(await drift()).toEqual([]);
    // A notification from a vote or follow that no longer stands is gone with it.
    const stale = await s.t.db.query(
      `SELECT n.id FROM notifications n WHERE n.user_id = $1 AND (
         (n.kind = 'vote' AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.user_id = n.actor_id AND v.post_id = n.post_id)) OR
         (n.kind = 'follow' AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = n.actor_id AND f.followee_id = n.user_id)))`,
      [target.id],
    );
    expect(stale).toEqual([]);
  });
});
