'use strict';
// npm run bench: seeds a fresh database on BENCH_DATABASE_URL's server, starts the
// API (compiled, NODE_ENV=production) and the two references (bench/express-server.js,
// bench/floor-server.js), drives them with autocannon, and prints a table; then
// measures how single requests grow with the tables (BENCH_GROWTH_POSTS) and prints
// that table too. Both go to bench/results.md.
const { fork, spawn, execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const bcrypt = require('bcrypt');
const { Client } = require('pg');
const { FeedCursors } = require('../dist/src/posts/feed-paging');
const { measureTimeline, renderTimeline } = require('./timeline');
const { measureLive, renderLive } = require('./live');

const ROOT = path.resolve(__dirname, '..');
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
// NODE_ENV=production takes a SECRET_KEY of 32 bytes or more.
const SECRET = 'bench-secret-key-of-at-least-32-bytes';
const PASSWORD = 'bench-password';
const USERS = 1000;
const POSTS = Number(process.env.BENCH_POSTS ?? 20000);
const GROWTH_POSTS = (process.env.BENCH_GROWTH_POSTS ?? '20000,200000,1000000').split(',').filter(Boolean).map(Number);
const TIMELINE = process.env.BENCH_TIMELINE !== '0';
const LOAD = process.env.BENCH_LOAD !== '0';
const LIVE = process.env.BENCH_LIVE !== '0';
const WORDS = ['cats', 'dogs', 'rust', 'node', 'coffee', 'travel', 'music', 'books'];

const dbUrl = (name) => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

async function sql(url, text, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

const hashed = bcrypt.hash(PASSWORD, 12);

/** Posts from..to (ids equal to i in a fresh database), 10% drafts, each titled with one of WORDS. */
const insertPosts = (url, from, to, users) =>
  sql(
    url,
    `INSERT INTO posts (title, content, published, owner_id)
     SELECT 'Post ' || i || ' about ' || (ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])[i % ${WORDS.length} + 1],
            'Some content for post ' || i, i % 10 <> 0, (i % ${users}) + 1
     FROM generate_series(${from}, ${to}) i`,
  );

/** The main table's data: the triggers keep the counters while it is written, as they would for any SQL. */
async function seed(url) {
  const started = Date.now();
  await sql(url, `INSERT INTO users (email, username, password) SELECT 'user' || i || '@bench.example', 'user' || i, $1 FROM generate_series(1, ${USERS}) i`, [await hashed]);
  // One session per user, with the user's id: the tokens below carry it as sid, as a login's do.
  await sql(url, `INSERT INTO sessions (id, user_id, family_hash, secret_hash) SELECT id, id, sha256(('f' || id)::bytea), sha256(('s' || id)::bytea) FROM users`);
  await sql(url, `SELECT setval('sessions_id_seq', (SELECT max(id) FROM sessions))`);
  await insertPosts(url, 1, POSTS, USERS);
  // 200 distinct posts for each of the 1,000 users: 200,000 votes, ~10 per post.
  await sql(url, `INSERT INTO votes (user_id, post_id) SELECT u, ((u * 97 + k * 101) % ${POSTS}) + 1 FROM generate_series(1, ${USERS}) u, generate_series(0, 199) k`);
  // Nobody follows anyone here: the timeline jobs the posts queued have nothing to do.
  await sql(url, 'DELETE FROM timeline_jobs');
  await sql(url, 'VACUUM ANALYZE');
  return Date.now() - started;
}

// The growth table's data: 200,000 users so that post 1 can have 200,000 votes; every other post has 10.
const GROWTH_USERS = 200000;
const HOT_POST = 1;
const QUIET_POST = 2;
const GROWTH_CHUNK = 100000;
const HOT_COMMENTS = 100000;
/** Post owners in the growth database: post i is user (i % GROWTH_USERS) + 1's. */
const ownerOf = (post) => (post % GROWTH_USERS) + 1;
const BLOCKING_READER = 5;
const BLOCKS = 1000;
/** In the titles of posts 12345, 112345, 123450-123459, 212345, ...: 1 at 20k posts, 11 at 200k, 19 at 1M. */
const RARE_TERM = '12345';

/** Grows the growth database from `from` - 1 to `to` posts, in chunks of GROWTH_CHUNK posts (1,000,000 votes). */
async function growTo(url, from, to) {
  const started = Date.now();
  if (from === 1) {
    await sql(url, `INSERT INTO users (email, username, password) SELECT 'user' || i || '@bench.example', 'user' || i, $1 FROM generate_series(1, ${GROWTH_USERS}) i`, [await hashed]);
    // One session per user, with the user's id: the tokens below carry it as sid, as a login's do.
    await sql(url, `INSERT INTO sessions (id, user_id, family_hash, secret_hash) SELECT id, id, sha256(('f' || id)::bytea), sha256(('s' || id)::bytea) FROM users`);
    await sql(url, `SELECT setval('sessions_id_seq', (SELECT max(id) FROM sessions))`);
  }
  for (let a = from; a <= to; a += GROWTH_CHUNK) {
    const b = Math.min(to, a + GROWTH_CHUNK - 1);
    await insertPosts(url, a, b, GROWTH_USERS);
    // 10 distinct voters per post (20011 * k < GROWTH_USERS for k < 10).
    await sql(url, `INSERT INTO votes (user_id, post_id) SELECT ((p * 7 + k * 20011) % ${GROWTH_USERS}) + 1, p FROM generate_series(${Math.max(a, 2)}, ${b}) p, generate_series(0, 9) k`);
    // Nobody follows anyone here: the timeline jobs the posts queued have nothing to do.
    await sql(url, 'DELETE FROM timeline_jobs');
    // Lets the server recycle the chunk's WAL, so the disk holds one chunk's worth rather than max_wal_size.
    await sql(url, 'CHECKPOINT');
  }
  if (from === 1) {
    await sql(url, `INSERT INTO votes (user_id, post_id) SELECT u, ${HOT_POST} FROM generate_series(1, ${GROWTH_USERS}) u`);
    // Conversations at scale: 100,000 comments on the hot post (each notifying its owner, who
    // thereby has 300,000 notifications with the votes'), 10 on the quiet one; a reader who
    // has blocked 1,000 users.
    await sql(url, `INSERT INTO comments (post_id, owner_id, content) SELECT ${HOT_POST}, (i % ${GROWTH_USERS}) + 1, 'comment ' || i FROM generate_series(1, ${HOT_COMMENTS}) i`);
    await sql(url, `INSERT INTO comments (post_id, owner_id, content) SELECT ${QUIET_POST}, i + 10, 'comment ' || i FROM generate_series(1, 10) i`);
    await sql(url, `INSERT INTO blocks (blocker_id, blocked_id) SELECT ${BLOCKING_READER}, i FROM generate_series(${BLOCKING_READER + 1}, ${BLOCKING_READER + BLOCKS}) i`);
  }
  await sql(url, 'VACUUM ANALYZE');
  // VACUUM dirties every page it sets visible; flushing them now keeps that out of the measurements.
  await sql(url, 'CHECKPOINT');
  return Date.now() - started;
}

function token(userId) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ user_id: userId, sid: userId, iat, exp: iat + 3600 })}`;
  return `${body}.${require('node:crypto').createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

/** The API as production runs it (without SMTP_URL: the benchmark asks for no mail). */
const apiEnv = (url) => ({ ...process.env, NODE_ENV: 'production', DATABASE_URL: url, SECRET_KEY: SECRET });

function migrate(url) {
  execFileSync(process.execPath, ['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/ormconfig.js'], { cwd: ROOT, env: apiEnv(url), stdio: 'ignore' });
}

/** One API process (compiled, production) on `url`, ready; `env` adds to or overrides its settings. */
async function startApi(url, port, env = {}) {
  const api = spawn(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env: { ...apiEnv(url), PORT: String(port), RUN_MIGRATIONS: 'false', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitReady(`http://127.0.0.1:${port}/health`, api);
  } catch (err) {
    api.kill('SIGKILL');
    throw err;
  }
  return api;
}

async function waitReady(url, child) {
  const started = Date.now();
  while (Date.now() - started < 60000) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}`);
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready`);
}

/** CPU time the process has used so far, in µs (utime + stime, in clock ticks of 10 ms). */
function cpuUs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

const rand = (n) => Math.floor(Math.random() * n);

/** Drives one server with a scenario: request() makes each request (a random one), as user 1 unless it says otherwise. */
function run(url, { request, onResponse, connections = CONNECTIONS, duration = DURATION, amount }) {
  const auth = { authorization: `Bearer ${token(1)}` };
  const requests = [
    {
      setupRequest: (req) => {
        const r = request();
        return { ...req, ...r, headers: { ...auth, ...(r.headers ?? {}) } };
      },
      onResponse,
    },
  ];
  return new Promise((done, fail) => {
    // A fixed amount waits for every answer (the vote tally needs them all); a duration cuts the last ones off.
    const length = amount ? { amount } : { duration };
    autocannon({ url, connections, ...length, requests }, (err, result) => (err ? fail(err) : done(result)));
  });
}

/** Headers the references must send as the API does; the rest (helmet, CORS, request ids) is the API's overhead. */
const COMPARED_HEADERS = ['content-type', 'x-total-count', 'x-total-count-capped', 'link', 'x-next-cursor', 'www-authenticate'];

const cursors = new FeedCursors(SECRET);

/**
 * Stops the run unless the API and the references give byte-identical bodies and
 * the same status and headers for a sample of the measured requests: otherwise the
 * benchmark would compare unequal work.
 */
async function assertSameAnswers(api, references, dbUrl) {
  const { rows } = await sql(dbUrl, 'SELECT min(id) AS draft FROM posts WHERE NOT published AND owner_id <> 1');
  const paths = [
    '/posts',
    '/posts?limit=10&skip=0',
    `/posts?limit=10&skip=${rand(POSTS - 10)}`,
    '/posts?limit=100&skip=9990',
    `/posts?limit=10&cursor=${cursors.encode(11 + rand(POSTS - 10))}`,
    `/posts?limit=10&cursor=${cursors.encode(5)}`,
    ...WORDS.slice(0, 3).map((w) => `/posts?search=${w}&limit=10`),
    `/posts?search=${WORDS[0]}&limit=10&cursor=${cursors.encode(POSTS - 100)}`,
    '/posts?search=%25_&limit=10',
    ...Array.from({ length: 5 }, () => `/posts/${1 + rand(POSTS)}`),
    `/posts/${rows[0].draft}`,
    `/posts/${POSTS + 1000}`,
  ];
  const answer = async (base, path, headers) => {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, headers: Object.fromEntries(COMPARED_HEADERS.map((h) => [h, res.headers.get(h)])), body: await res.text() };
  };
  // The last case, a token without a session, is a 401 only for servers that look the session up.
  const cases = [
    ...paths.map((path) => [path, { authorization: `Bearer ${token(1)}` }]),
    ['/posts', { authorization: `Bearer ${token(USERS + 1)}` }, { sessions: true }],
  ];
  for (const [path, headers, { sessions = false } = {}] of cases) {
    const compared = references.filter((r) => !sessions || r.sessions !== false);
    const [a, ...others] = await Promise.all([answer(api, path, headers), ...compared.map((r) => answer(r.url, path, headers))]);
    others.forEach((o, i) => {
      if (JSON.stringify(a) !== JSON.stringify(o)) {
        throw new Error(`the API and ${compared[i].name} answer ${path} differently:\nAPI   ${JSON.stringify(a).slice(0, 600)}\nother ${JSON.stringify(o).slice(0, 600)}`);
      }
    });
  }
  console.log(`the API and the references gave identical answers to ${cases.length} sample requests`);
}

const summary = (r) => ({
  rps: Math.round(r.requests.average),
  p50: r.latency.p50,
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
});

const ROUNDS = 5;

/**
 * Runs a scenario on each server in turn, ROUNDS times, DURATION / ROUNDS seconds a
 * turn, so that the load of the shared machine, which comes and goes, falls on all of
 * them alike. req/s is over all turns, p50 and p99 the medians of the turns', and CPU
 * the server process's CPU time per request (steadier than req/s on a busy machine).
 */
async function interleaved(servers, scenario) {
  const turns = Object.fromEntries(Object.keys(servers).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { url, pid }] of Object.entries(servers)) {
      const before = cpuUs(pid);
      const result = await run(url, { ...scenario, duration: DURATION / ROUNDS });
      turns[name].push({ ...summary(result), requests: result.requests.total, seconds: result.duration, cpuUs: cpuUs(pid) - before });
    }
  }
  const sum = (list, key) => list.reduce((total, turn) => total + turn[key], 0);
  return Object.fromEntries(
    Object.entries(turns).map(([name, list]) => [
      name,
      {
        rps: Math.round(sum(list, 'requests') / sum(list, 'seconds')),
        p50: median(list.map((t) => t.p50)),
        p99: median(list.map((t) => t.p99)),
        cpu: Math.round(sum(list, 'cpuUs') / sum(list, 'requests')),
        non2xx: sum(list, 'non2xx'),
        errors: sum(list, 'errors'),
      },
    ]),
  );
}

/** Random users vote and unvote (dir 0 or 1) on posts chosen by `post()`; every 201 is tallied. */
function voteScenario(post, tally) {
  return {
    request: () => ({
      method: 'POST',
      path: '/vote',
      headers: { authorization: `Bearer ${token(1 + rand(USERS))}`, 'content-type': 'application/json' },
      body: JSON.stringify({ post_id: post(), dir: rand(2) }),
    }),
    onResponse: (status, body) => {
      if (status !== 201) return;
      if (body.includes('added')) tally.added++;
      else tally.removed++;
    },
  };
}

/**
 * The hot row at the database, without the API in the way: 16 connections each add
 * and take back a vote as fast as they can, all on one post or each on its own post,
 * with the counter triggers, and on one post with the triggers off for the
 * session (then recount_post_counters() repairs the counters). Statements per second.
 */
async function hotRowAtDatabase(url) {
  const measure = async (postOf, { triggers = true } = {}) => {
    const clients = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        if (!triggers) await client.query('SET session_replication_role = replica');
        return client;
      }),
    );
    let statements = 0;
    const end = Date.now() + 5000;
    await Promise.all(
      clients.map(async (client, i) => {
        const params = [1 + i, postOf(i)];
        while (Date.now() < end) {
          await client.query('INSERT INTO votes (user_id, post_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', params);
          await client.query('DELETE FROM votes WHERE user_id = $1 AND post_id = $2', params);
          statements += 2;
        }
      }),
    );
    await Promise.all(clients.map((c) => c.end()));
    return Math.round(statements / 5);
  };
  const spread = await measure((i) => 101 + 10 * i);
  const hot = await measure(() => HOT_POST);
  const hotWithoutTriggers = await measure(() => HOT_POST, { triggers: false });
  await sql(url, 'SELECT recount_post_counters()');
  return { spread, hot, hotWithoutTriggers };
}

/** The counters that differ from a count of the tables (0 when the triggers kept them exact). */
async function counterDrift(url) {
  const { rows } = await sql(url, 'SELECT count(*)::int AS drift FROM counter_drift()');
  return rows[0].drift;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median time of 20 sequential requests per path (after 3 unmeasured rounds), in ms.
 * A path is read by user 1, or `[path, user]` by that user.
 * The paths take turns, so that a burst of load on the shared machine hits them alike.
 */
async function medianMs(url, paths) {
  const times = Object.fromEntries(Object.keys(paths).map((key) => [key, []]));
  for (let round = 0; round < 23; round++) {
    for (const [key, target] of Object.entries(paths)) {
      // A path is read by user 1, or [path, user] by that user.
      const [path, user] = Array.isArray(target) ? target : [target, 1];
      const started = performance.now();
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token(user)}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (round >= 3) times[key].push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([key, ms]) => [key, median(ms)]));
}

/** The growth table: the same single requests on a database grown to each size of GROWTH_POSTS. */
async function measureGrowth() {
  const dbName = `social_bench_growth_${Date.now()}`;
  const url = dbUrl(dbName);
  await sql(dbUrl('postgres'), `CREATE DATABASE ${dbName}`);
  let api;
  try {
    migrate(url);
    api = await startApi(url, 8104);
    const API = 'http://127.0.0.1:8104';
    const columns = [];
    let posts = 0;
    for (const size of GROWTH_POSTS) {
      const seedMs = await growTo(url, posts + 1, size);
      posts = size;
      const votes = Number((await sql(url, 'SELECT count(*) FROM votes')).rows[0].count);
      console.log(`growth: ${size} posts, ${votes} votes, seeded in ${(seedMs / 1000).toFixed(1)} s`);
      const first = await fetch(`${API}/posts?limit=10`, { headers: { authorization: `Bearer ${token(1)}` } });
      const next = first.headers.get('x-next-cursor');
      columns.push({
        size,
        votes,
        seedMs,
        drift: await counterDrift(url),
        ...Object.fromEntries(
          await Promise.all(
            [['hotNotifications', ownerOf(HOT_POST)], ['quietNotifications', ownerOf(QUIET_POST)]].map(async ([key, user]) => [key, Number((await sql(url, 'SELECT count(*) FROM notifications WHERE user_id = $1', [user])).rows[0].count)]),
          ),
        ),
        ms: await medianMs(API, {
          page1: '/posts?limit=10',
          page2: `/posts?limit=10&cursor=${next}`,
          search: `/posts?limit=10&search=${WORDS[0]}`,
          rare: `/posts?limit=10&search=${RARE_TERM}`,
          hot: `/posts/${HOT_POST}`,
          quiet: `/posts/${QUIET_POST}`,
          blocked: ['/posts?limit=10', BLOCKING_READER],
          hotComments: `/posts/${HOT_POST}/comments?limit=10`,
          quietComments: `/posts/${QUIET_POST}/comments?limit=10`,
          hotNotifications: ['/notifications?limit=10', ownerOf(HOT_POST)],
          quietNotifications: ['/notifications?limit=10', ownerOf(QUIET_POST)],
        }),
      });
      console.log(columns.at(-1));
    }
    return columns;
  } finally {
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await sql(dbUrl('postgres'), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

/** The load part: the API and the references under autocannon, on the main data set. */
async function measureLoad() {
  const dbName = `social_bench_${Date.now()}`;
  const url = dbUrl(dbName);
  await sql(dbUrl('postgres'), `CREATE DATABASE ${dbName}`);
  const children = [];
  const report = {};
  try {
    const env = apiEnv(url);
    migrate(url);
    report.seedMs = await seed(url);
    console.log(`seeded ${USERS} users, ${POSTS} posts, 200000 votes in ${report.seedMs} ms`);

    const api = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      // The login limits at their defaults; the login scenarios say where they come from in X-Forwarded-For.
      env: { ...env, PORT: '8101', RUN_MIGRATIONS: 'false', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', BCRYPT_ROUNDS: '12', TRUST_PROXY_HOPS: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const reference = (file, port, extra = {}) => fork(path.join(__dirname, file), { env: { ...env, PORT: String(port), ...extra }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const express = reference('express-server.js', 8103);
    const floor = reference('floor-server.js', 8102);
    // The issue's reference: bare Express checking the JWT only, no session lookup.
    const jwtOnly = reference('express-server.js', 8106, { REFERENCE_SESSION_LOOKUP: '0' });
    children.push(api, express, floor, jwtOnly);
    const API = 'http://127.0.0.1:8101';
    const EXPRESS = 'http://127.0.0.1:8103';
    const FLOOR = 'http://127.0.0.1:8102';
    const JWT_ONLY = 'http://127.0.0.1:8106';
    await Promise.all([waitReady(`${API}/health`, api), waitReady(`${EXPRESS}/posts/1`, express), waitReady(`${FLOOR}/posts/1`, floor), waitReady(`${JWT_ONLY}/posts/1`, jwtOnly)]);
    await assertSameAnswers(
      API,
      [
        { name: 'the Express reference', url: EXPRESS },
        { name: 'the floor', url: FLOOR },
        { name: 'the Express reference without the session lookup', url: JWT_ONLY, sessions: false },
      ],
      url,
    );

    const scenarios = {
      'feed, first page': { request: () => ({ path: '/posts?limit=10' }) },
      'feed, next page (cursor)': { request: () => ({ path: `/posts?limit=10&cursor=${cursors.encode(11 + rand(POSTS - 10))}` }) },
      'feed, skip (course clients)': { request: () => ({ path: `/posts?limit=10&skip=${rand(POSTS - 10)}` }) },
      'post by id': { request: () => ({ path: `/posts/${1 + rand(POSTS)}` }) },
      search: { request: () => ({ path: `/posts?search=${WORDS[rand(WORDS.length)]}&limit=10` }) },
    };
    const servers = { api: { url: API, pid: api.pid }, express: { url: EXPRESS, pid: express.pid }, floor: { url: FLOOR, pid: floor.pid }, jwtOnly: { url: JWT_ONLY, pid: jwtOnly.pid } };
    const rows = [];
    for (const [name, scenario] of Object.entries(scenarios)) {
      await run(API, { ...scenario, duration: 2 }); // warm-up
      const row = { name, ...(await interleaved(servers, scenario)) };
      rows.push(row);
      console.log(name, row);
    }

    // Writes: random users vote and unvote, on random posts, then all on one post (the hot row);
    // every 201 is tallied, and the table and the counters are checked after.
    const before = Number((await sql(url, 'SELECT count(*) FROM votes')).rows[0].count);
    const tally = { added: 0, removed: 0 };
    const spread = summary(await run(API, { ...voteScenario(() => 1 + rand(POSTS), tally), amount: 5000 }));
    rows.push({ name: 'vote / unvote, random posts', api: spread });
    const hot = summary(await run(API, { ...voteScenario(() => HOT_POST, tally), amount: 5000 }));
    rows.push({ name: 'vote / unvote, all on one post', api: hot });
    const after = Number((await sql(url, 'SELECT count(*) FROM votes')).rows[0].count);
    Object.assign(report, { before, after, ...tally, votesConsistent: after === before + tally.added - tally.removed, drift: await counterDrift(url), hotRatio: hot.rps / spread.rps });
    report.hotRow = await hotRowAtDatabase(url);
    console.log('votes', spread, hot, report);

    // Right passwords of random users from random addresses: no limit refuses them, each one is a bcrypt check.
    const loginScenario = {
      request: () => ({
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.18.${rand(256)}.${rand(256)}` },
        body: `username=user${1 + rand(USERS)}%40bench.example&password=${PASSWORD}`,
      }),
    };
    // An attack: wrong passwords for random users from one address, the limits at their defaults.
    const attackScenario = {
      request: () => ({
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.66' },
        body: `username=user${1 + rand(USERS)}%40bench.example&password=wrong-${rand(1e9)}`,
      }),
    };
    const login = summary(await run(API, { ...loginScenario, connections: 8 }));
    rows.push({ name: 'login (bcrypt cost 12)', api: login });
    console.log('login', login);

    const feedAlone = summary(await run(API, { ...scenarios['feed, first page'], connections: 16 }));
    rows.push({ name: 'feed alone (16 connections, the baseline of the floods)', api: feedAlone });
    for (const [name, scenario] of [
      ['a login flood (right passwords, many addresses)', loginScenario],
      ['a wrong-password flood from one address', attackScenario],
    ]) {
      const [feedDuringFlood, flood] = await Promise.all([run(API, { ...scenarios['feed, first page'], connections: 16 }), run(API, { ...scenario, connections: 16 })]);
      rows.push({ name: `feed during ${name}`, api: summary(feedDuringFlood) });
      rows.push({ name: `${name} itself (non-2xx: 429, 503)`, api: summary(flood) });
      console.log(`feed during ${name}`, summary(feedDuringFlood), 'flood', summary(flood));
    }

    report.rows = rows;
    report.rss = rssMb(api.pid);
    report.pgVersion = (await sql(url, 'SHOW server_version')).rows[0].server_version;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await sql(dbUrl('postgres'), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  return report;
}

async function main() {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const report = LOAD ? await measureLoad() : { pgVersion: (await sql(dbUrl('postgres'), 'SHOW server_version')).rows[0].server_version };
  report.growth = GROWTH_POSTS.length ? await measureGrowth() : [];
  if (TIMELINE) report.timeline = await measureTimeline({ sql, dbUrl, token, passwordHash: hashed, spawnApi: { migrate, start: startApi } });
  if (LIVE) report.live = await measureLive({ sql, dbUrl, token, passwordHash: hashed, spawnApi: { migrate, start: startApi } });
  const text = renderReport(report);
  writeFileSync(path.join(__dirname, 'results.md'), text);
  console.log(`\n${text}`);
}

const ratio = (a, b) => (b ? `${(a.rps / b.rps).toFixed(2)}x` : '');
const cells = (r) => (r ? [r.rps, r.p50, r.p99] : ['', '', '']);
const row = (values) => `| ${values.join(' | ')} |`;

function renderReport({ rows, rss, seedMs, votesConsistent, drift, before, added, removed, after, hotRatio, hotRow, pgVersion, growth, timeline, live }) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `# Benchmark results`,
    ``,
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} on the same machine.`,
  ];
  if (rows) lines.push(
    `${CONNECTIONS} connections, ${DURATION} s per scenario and server, in ${ROUNDS} turns taken in rotation by the four servers (votes: 5,000 requests each; login: 8 connections; the flood: 16 + 16), seeded ${USERS} users, ${POSTS} posts (10% unpublished), 200,000 votes in ${(seedMs / 1000).toFixed(1)} s (counters kept by the triggers during the seed).`,
    `References, each running the API's own SQL builders and JSON (checked identical before measuring): bench/express-server.js (bare Express + pg) and bench/floor-server.js (node:http + pg), both looking the token's session up in the database as the API did before its session cache; and "Express, JWT only": bench/express-server.js with REFERENCE_SESSION_LOOKUP=0 (the signature and expiry checked, no session lookup), the issue's reference.`,
    ``,
    row(['scenario', 'API req/s', 'API p50 ms', 'API p99 ms', 'Express req/s', 'Express p50', 'Express p99', 'floor req/s', 'floor p50', 'floor p99', 'Express, JWT only req/s', 'JWT only p50', 'JWT only p99', 'API / Express', 'API / floor', 'API / Express, JWT only', 'CPU µs/request: API, Express, floor, JWT only']),
    row(['---', ...Array(16).fill('---:')]),
    ...rows.map(({ name, api, express, floor, jwtOnly }) =>
      row([name, ...cells(api), ...cells(express), ...cells(floor), ...cells(jwtOnly), ratio(api, express), ratio(api, floor), ratio(api, jwtOnly), express ? `${api.cpu}, ${express.cpu}, ${floor.cpu}, ${jwtOnly.cpu}` : '']),
    ),
    ``,
    `The issue's goal, feed and post by id at >= 0.7x of bare Express with a JWT check and no session lookup: ${['feed, first page', 'feed, next page (cursor)', 'post by id']
      .map((name) => rows.find((r) => r.name === name))
      .filter(Boolean)
      .map(({ name, api, jwtOnly }) => `${name} ${api.rps} req/s, ${ratio(api, jwtOnly)} (${api.rps / jwtOnly.rps >= 0.7 ? 'met' : '**not met**'})`)
      .join('; ')}.`,
    `Votes: ${before} before, ${added} added, ${removed} removed, ${after} after: ${votesConsistent ? 'consistent' : 'INCONSISTENT'}; counters that differ from a recount: ${drift}.`,
    `The hot row: through the API, votes all on one post run at ${hotRatio.toFixed(2)}x the rate of votes spread over random posts.`,
    `At the database (16 connections adding and taking back votes in plain SQL, 5 s each): ${hotRow.spread} statements/s each on its own post, ${hotRow.hot} all on one post, ${hotRow.hotWithoutTriggers} all on one post with the counter triggers off.`,
    `API resident memory after the run: ${rss} MB.`,
  );
  lines.push('');
  if (growth.length) {
    const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
    const ms = (x) => x.toFixed(1);
    const growthRow = (name, key) => row([name, ...growth.map((g) => ms(g.ms[key])), `${(growth.at(-1).ms[key] / growth[0].ms[key]).toFixed(2)}x`]);
    lines.push(
      `## Growth: single requests as the tables grow`,
      ``,
      `One API process, median of 20 sequential requests (the requests taking turns), on a database grown in place: 200,000 users, 10 votes per post, post ${HOT_POST} with 200,000 votes and ${HOT_COMMENTS.toLocaleString('en')} comments, post ${QUIET_POST} with 10 of each, user ${BLOCKING_READER} blocking ${BLOCKS.toLocaleString('en')} users.`,
      `Seeded with SQL (the triggers keeping the counters): ${growth.map((g) => `${label(g.size)} posts and ${g.votes.toLocaleString('en')} votes in ${(g.seedMs / 1000).toFixed(0)} s`).join('; ')} (each step adds to the one before); counters that differ from a recount: ${growth.map((g) => g.drift).join(', ')}.`,
      ``,
      row(['request (ms)', ...growth.map((g) => `${label(g.size)} posts`), `${label(growth.at(-1).size)} / ${label(growth[0].size)}`]),
      row(['---', ...growth.map(() => '---:'), '---:']),
      growthRow('feed page 1', 'page1'),
      growthRow('feed page 2 (cursor)', 'page2'),
      growthRow('search for a common word', 'search'),
      growthRow(`search for a rare term ("${RARE_TERM}")`, 'rare'),
      growthRow('post with 200,000 votes', 'hot'),
      growthRow('post with 10 votes', 'quiet'),
      growthRow(`feed page 1 of a reader who blocked ${BLOCKS.toLocaleString('en')} users`, 'blocked'),
      growthRow(`comments page of a post with ${HOT_COMMENTS.toLocaleString('en')} comments`, 'hotComments'),
      growthRow('comments page of a post with 10 comments', 'quietComments'),
      growthRow(`notifications page of a user with ${growth[0].hotNotifications.toLocaleString('en')}`, 'hotNotifications'),
      growthRow(`notifications page of a user with ${growth[0].quietNotifications.toLocaleString('en')}`, 'quietNotifications'),
      ``,
    );
  }
  if (timeline) lines.push(renderTimeline(timeline, row));
  if (live) lines.push(renderLive(live, row));
  return lines.join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
