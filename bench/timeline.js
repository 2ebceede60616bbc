'use strict';
const { Client } = require('pg');
// npm run bench, part 3: home timelines at scale (BENCH_TIMELINE=0 skips it). A database
// of 1,000,000 users and 1,000,000 posts, seeded with SQL, in which:
// - a reader follows 5,000 accounts, another 10;
// - an author has 1,000,000 followers (past TIMELINE_PUSH_MAX_FOLLOWERS: read, not pushed),
//   another 10, another 9,000 (the most the worker pushes to, at the default limit);
// - 200,000 active users follow 10 accounts each, and every timeline holds what the
//   worker would have pushed into it (timeline_entries filled by SQL from follows x posts).
// It measures, with one API process: a timeline page (first, and next by cursor) for
// each reader; POST /posts by each author; the time from a post's 201 until it is in a
// follower's timeline; and the query plans behind them.

const ACTIVE = 200_000;
const USERS = 1_000_000;
const POSTS = 1_000_000;
const FOLLOWS_EACH = 10;
const BIG_READER = USERS + 1;
const SMALL_READER = USERS + 2;
const SMALL_AUTHOR = USERS + 3;
const STAR = USERS + 4;
const MID_AUTHOR = USERS + 5;
const MID_FOLLOWERS = 9_000;
const SPECIAL = [BIG_READER, SMALL_READER, SMALL_AUTHOR, STAR, MID_AUTHOR];

/**
 * Seeds with the triggers off (session_replication_role = replica: no counter triggers,
 * no timeline jobs, no foreign-key checks), then recounts every declared counter.
 */
async function seedTimelines(url, passwordHash) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const steps = [];
  const step = async (name, text, params) => {
    const started = Date.now();
    await client.query(text, params);
    steps.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  try {
    await client.query('SET session_replication_role = replica');
    await seedSteps(step, passwordHash);
  } finally {
    await client.end();
  }
  return steps;
}

async function seedSteps(step, passwordHash) {
  await step(
    '1,000,005 users',
    `INSERT INTO users (id, email, username, password) SELECT i, 'user' || i || '@bench.example', 'user' || i, $1 FROM generate_series(1, ${USERS + SPECIAL.length}) i`,
    [passwordHash],
  );
  await step('', `SELECT setval('users_id_seq', ${USERS + SPECIAL.length})`);
  await step(
    'sessions',
    `INSERT INTO sessions (id, user_id, family_hash, secret_hash) SELECT id, id, sha256(('f' || id)::bytea), sha256(('s' || id)::bytea) FROM users WHERE id > ${USERS};
     SELECT setval('sessions_id_seq', ${USERS + SPECIAL.length});`,
  );
  await step(
    '1,000,000 posts',
    `INSERT INTO posts (id, title, content, owner_id, created_at)
     SELECT i, 'Post ' || i, 'Some content for post ' || i, (i % ${ACTIVE}) + 1, now() - make_interval(secs => ${POSTS} - i) FROM generate_series(1, ${POSTS}) i;
     SELECT setval('posts_id_seq', ${POSTS});
     INSERT INTO posts (title, content, owner_id) SELECT 'Star post ' || i, 'c', ${STAR} FROM generate_series(1, 100) i;
     INSERT INTO posts (title, content, owner_id) SELECT 'Small post ' || i, 'c', ${SMALL_AUTHOR} FROM generate_series(1, 5) i;
     INSERT INTO posts (title, content, owner_id) SELECT 'Mid post ' || i, 'c', ${MID_AUTHOR} FROM generate_series(1, 5) i;`,
  );
  await step(
    'follows',
    `INSERT INTO follows (follower_id, followee_id)
     SELECT DISTINCT u, ((u * 7919 + k * 104729) % ${ACTIVE}) + 1 FROM generate_series(1, ${ACTIVE}) u, generate_series(0, ${FOLLOWS_EACH - 1}) k
     WHERE ((u * 7919 + k * 104729) % ${ACTIVE}) + 1 <> u;
     INSERT INTO follows (follower_id, followee_id) SELECT ${BIG_READER}, (k * 39) % ${ACTIVE} + 1 FROM generate_series(0, 4998) k;
     INSERT INTO follows (follower_id, followee_id) VALUES (${BIG_READER}, ${STAR});
     INSERT INTO follows (follower_id, followee_id) SELECT ${SMALL_READER}, k * 1000 + 1 FROM generate_series(1, 8) k;
     INSERT INTO follows (follower_id, followee_id) VALUES (${SMALL_READER}, ${SMALL_AUTHOR}), (${SMALL_READER}, ${STAR}), (${SMALL_READER}, ${MID_AUTHOR});
     INSERT INTO follows (follower_id, followee_id) SELECT u, ${SMALL_AUTHOR} FROM generate_series(1, 9) u;
     INSERT INTO follows (follower_id, followee_id) SELECT u, ${MID_AUTHOR} FROM generate_series(1, ${MID_FOLLOWERS - 1}) u;
     INSERT INTO follows (follower_id, followee_id) SELECT u, ${STAR} FROM generate_series(1, ${USERS}) u ON CONFLICT DO NOTHING;
     UPDATE users SET timeline_pulled = true WHERE id = ${STAR};`,
  );
  await step(
    'timeline entries',
    `INSERT INTO timeline_entries (user_id, post_id)
     SELECT f.follower_id, p.id FROM follows f JOIN posts p ON p.owner_id = f.followee_id WHERE f.followee_id <> ${STAR}`,
  );
  await step('recount_counters()', 'SELECT recount_counters()');
  await step('VACUUM ANALYZE', 'VACUUM ANALYZE');
  await step('CHECKPOINT', 'CHECKPOINT');
}

/** p50 and p99 (the 99th percentile of the samples) in ms. */
const percentiles = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99) };
};

async function timed(fetcher) {
  const started = performance.now();
  const res = await fetcher();
  const body = await res.text();
  return { ms: performance.now() - started, res, body };
}

async function measureTimeline({ sql, dbUrl, spawnApi, token, passwordHash }) {
  const dbName = `social_bench_timeline_${Date.now()}`;
  const url = dbUrl(dbName);
  await sql(dbUrl('postgres'), `CREATE DATABASE ${dbName}`);
  let api;
  try {
    await spawnApi.migrate(url);
    const started = Date.now();
    const steps = (await seedTimelines(url, await passwordHash)).filter((s) => !s.startsWith(' '));
    const seedMs = Date.now() - started;
    const counts = (await sql(url, `SELECT (SELECT count(*) FROM follows)::int AS follows, (SELECT count(*) FROM timeline_entries)::int AS entries`)).rows[0];
    console.log(`timeline: seeded in ${(seedMs / 1000).toFixed(0)} s (${steps.join(', ')}), ${counts.follows} follows, ${counts.entries} timeline entries`);
    api = await spawnApi.start(url, 8105);
    const API = 'http://127.0.0.1:8105';
    const as = (user) => ({ authorization: `Bearer ${token(user)}` });
    const get = (user, path) => fetch(`${API}${path}`, { headers: as(user) });

    // Reads: page 1 and the page after it, for each reader, taking turns.
    const nextOf = async (user) => (await get(user, '/timeline?limit=10')).headers.get('x-next-cursor');
    const reads = {
      'timeline page 1, following 5,000': [BIG_READER, '/timeline?limit=10'],
      'timeline page 1, following 10': [SMALL_READER, '/timeline?limit=10'],
      'timeline page 2 (cursor), following 5,000': [BIG_READER, `/timeline?limit=10&cursor=${await nextOf(BIG_READER)}`],
      'timeline page 2 (cursor), following 10': [SMALL_READER, `/timeline?limit=10&cursor=${await nextOf(SMALL_READER)}`],
    };
    const readMs = Object.fromEntries(Object.keys(reads).map((k) => [k, []]));
    for (let round = 0; round < 105; round++) {
      for (const [name, [user, path]] of Object.entries(reads)) {
        const { ms, res, body } = await timed(() => get(user, path));
        if (res.status !== 200 || JSON.parse(body).length !== 10) throw new Error(`${name}: ${res.status} ${body.slice(0, 200)}`);
        if (round >= 5) readMs[name].push(ms);
      }
    }

    // Writes: POST /posts by each author, taking turns; after each, the time until the
    // post is in a follower's timeline (SMALL_READER follows all three), polled every 10 ms.
    const authors = { 'POST /posts, 1,000,000 followers': STAR, 'POST /posts, 9,000 followers': MID_AUTHOR, 'POST /posts, 10 followers': SMALL_AUTHOR };
    const writeMs = Object.fromEntries(Object.keys(authors).map((k) => [k, []]));
    const visibleMs = Object.fromEntries(Object.keys(authors).map((k) => [k, []]));
    for (let round = 0; round < 25; round++) {
      for (const [name, author] of Object.entries(authors)) {
        const post = () => fetch(`${API}/posts`, { method: 'POST', headers: { ...as(author), 'content-type': 'application/json' }, body: JSON.stringify({ title: `bench ${round}`, content: 'x' }) });
        const { ms, res, body } = await timed(post);
        if (res.status !== 201) throw new Error(`${name}: ${res.status} ${body}`);
        const answeredAt = performance.now();
        const id = JSON.parse(body).id;
        for (;;) {
          const page = await (await get(SMALL_READER, '/timeline?limit=5')).json();
          if (page.some((p) => p.Post.id === id)) break;
          if (performance.now() - answeredAt > 10_000) throw new Error(`${name}: post ${id} not in the timeline after 10 s`);
          await new Promise((r) => setTimeout(r, 10));
        }
        if (round >= 3) {
          writeMs[name].push(ms);
          visibleMs[name].push(performance.now() - answeredAt);
        }
      }
    }

    // The plans the reads rely on, warm.
    const { timelineQuery } = require('../dist/src/timeline/timeline.service');
    const plan = async (reader) => {
      const [text, params] = timelineQuery(reader, 10);
      const { rows } = await sql(url, `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const plans = { 'following 5,000': await plan(BIG_READER), 'following 10': await plan(SMALL_READER) };
    return { seedMs, steps, counts, reads: mapValues(readMs, percentiles), writes: mapValues(writeMs, percentiles), visible: mapValues(visibleMs, percentiles), plans };
  } finally {
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await sql(dbUrl('postgres'), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

const mapValues = (o, f) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

function renderTimeline(t, row) {
  const ms = (x) => x.toFixed(1);
  const pair = (a, b, key) => `${(t[key][a].p50 / t[key][b].p50).toFixed(2)}x`;
  return [
    `## Home timelines at scale`,
    ``,
    `One API process on a database seeded with SQL in ${(t.seedMs / 1000).toFixed(0)} s (${t.steps.join(', ')}): 1,000,005 users, 1,000,210 posts, ${t.counts.follows.toLocaleString('en')} follows, ${t.counts.entries.toLocaleString('en')} timeline entries. 100 sequential reads of each kind (taking turns), 22 posts by each author (taking turns); after each post, the time until it is in a follower's timeline (polled every 10 ms).`,
    ``,
    row(['request (ms)', 'p50', 'p99']),
    row(['---', '---:', '---:']),
    ...Object.entries(t.reads).map(([name, p]) => row([name, ms(p.p50), ms(p.p99)])),
    ...Object.entries(t.writes).map(([name, p]) => row([name, ms(p.p50), ms(p.p99)])),
    ...Object.entries(t.visible).map(([name, p]) => row([`${name.replace('POST /posts, ', 'in a follower\'s timeline after the 201, author with ')}`, ms(p.p50), ms(p.p99)])),
    ``,
    `Ratios of the medians: page 1 following 5,000 / following 10: ${pair('timeline page 1, following 5,000', 'timeline page 1, following 10', 'reads')}; page 2: ${pair('timeline page 2 (cursor), following 5,000', 'timeline page 2 (cursor), following 10', 'reads')}; POST /posts with 1,000,000 followers / with 10: ${pair('POST /posts, 1,000,000 followers', 'POST /posts, 10 followers', 'writes')}.`,
    ``,
    ...Object.entries(t.plans).flatMap(([name, text]) => [`Plan of page 1, ${name} (EXPLAIN ANALYZE, warm):`, '', '```', text, '```', '']),
  ].join('\n');
}

module.exports = { measureTimeline, renderTimeline };
