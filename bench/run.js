'use strict';
// npm run bench: seeds a fresh database on BENCH_DATABASE_URL's server, starts the
// API (compiled, NODE_ENV=production) and the floor server (bench/floor-server.js),
// drives both with autocannon, and prints a table (also written to bench/results.md).
const { fork, spawn, execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const bcrypt = require('bcrypt');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECRET = 'bench-secret-key';
const PASSWORD = 'bench-password';
const USERS = 1000;
const POSTS = 20000;
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

async function seed(url) {
  const started = Date.now();
  const hash = await bcrypt.hash(PASSWORD, 12);
  await sql(url, `INSERT INTO users (email, password) SELECT 'user' || i || '@bench.example', $1 FROM generate_series(1, ${USERS}) i`, [hash]);
  // One session per user, with the user's id: the tokens below carry it as sid, as a login's do.
  await sql(url, `INSERT INTO sessions (id, user_id, family_hash, secret_hash) SELECT id, id, sha256(('f' || id)::bytea), sha256(('s' || id)::bytea) FROM users`);
  await sql(url, `SELECT setval('sessions_id_seq', (SELECT max(id) FROM sessions))`);
  await sql(
    url,
    `INSERT INTO posts (title, content, published, owner_id)
     SELECT 'Post ' || i || ' about ' || (ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])[i % ${WORDS.length} + 1],
            'Some content for post ' || i, i % 10 <> 0, (i % ${USERS}) + 1
     FROM generate_series(1, ${POSTS}) i`,
  );
  // 200 distinct posts for each of the 1,000 users: 200,000 votes, ~10 per post.
  await sql(url, `INSERT INTO votes (user_id, post_id) SELECT u, ((u * 97 + k * 101) % ${POSTS}) + 1 FROM generate_series(1, ${USERS}) u, generate_series(0, 199) k`);
  await sql(url, 'VACUUM ANALYZE');
  return Date.now() - started;
}

function token(userId) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ user_id: userId, sid: userId, iat, exp: iat + 3600 })}`;
  return `${body}.${require('node:crypto').createHmac('sha256', SECRET).update(body).digest('base64url')}`;
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

/** Headers the floor must send as the API does; the rest (helmet, CORS, request ids) is the API's overhead. */
const COMPARED_HEADERS = ['content-type', 'x-total-count', 'www-authenticate'];

/**
 * Stops the run unless the API and the floor give byte-identical bodies and the
 * same status and headers for a sample of the measured requests: otherwise the
 * benchmark would compare unequal work.
 */
async function assertSameAnswers(api, floor, dbUrl) {
  const { rows } = await sql(dbUrl, 'SELECT min(id) AS draft FROM posts WHERE NOT published AND owner_id <> 1');
  const paths = [
    '/posts',
    '/posts?limit=10&skip=0',
    `/posts?limit=10&skip=${rand(POSTS - 10)}`,
    '/posts?limit=100&skip=9990',
    ...WORDS.slice(0, 3).map((w) => `/posts?search=${w}&limit=10`),
    '/posts?search=%25_&limit=10',
    ...Array.from({ length: 5 }, () => `/posts/${1 + rand(POSTS)}`),
    `/posts/${rows[0].draft}`,
    `/posts/${POSTS + 1000}`,
  ];
  const answer = async (base, path, headers) => {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, headers: Object.fromEntries(COMPARED_HEADERS.map((h) => [h, res.headers.get(h)])), body: await res.text() };
  };
  const cases = [
    ...paths.map((path) => [path, { authorization: `Bearer ${token(1)}` }]),
    ['/posts', { authorization: `Bearer ${token(USERS + 1)}` }],
  ];
  for (const [path, headers] of cases) {
    const [a, f] = await Promise.all([answer(api, path, headers), answer(floor, path, headers)]);
    if (JSON.stringify(a) !== JSON.stringify(f)) {
      throw new Error(`the API and the floor answer ${path} differently:\nAPI   ${JSON.stringify(a).slice(0, 600)}\nfloor ${JSON.stringify(f).slice(0, 600)}`);
    }
  }
  console.log(`the API and the floor gave identical answers to ${cases.length} sample requests`);
}

const summary = (r) => ({
  rps: Math.round(r.requests.average),
  p50: r.latency.p50,
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
});

async function main() {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const dbName = `social_bench_${Date.now()}`;
  const url = dbUrl(dbName);
  await sql(dbUrl('postgres'), `CREATE DATABASE ${dbName}`);
  const children = [];
  try {
    // Production requires SMTP_URL; the bench asks for no mail, so nothing listens there.
    const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, SECRET_KEY: SECRET, SMTP_URL: 'smtp://127.0.0.1:2525' };
    execFileSync(process.execPath, ['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/ormconfig.js'], { cwd: ROOT, env, stdio: 'ignore' });
    const seedMs = await seed(url);
    console.log(`seeded ${USERS} users, ${POSTS} posts, 200000 votes in ${seedMs} ms`);

    const api = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: { ...env, PORT: '8101', RUN_MIGRATIONS: 'false', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', BCRYPT_ROUNDS: '12', LOGIN_MAX_FAILURES_PER_CLIENT: '1000000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const floor = fork(path.join(__dirname, 'floor-server.js'), { env: { ...env, PORT: '8102' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(api, floor);
    const API = 'http://127.0.0.1:8101';
    const FLOOR = 'http://127.0.0.1:8102';
    await Promise.all([waitReady(`${API}/health`, api), waitReady(`${FLOOR}/posts/1`, floor)]);
    await assertSameAnswers(API, FLOOR, url);

    const scenarios = {
      feed: { request: () => ({ path: `/posts?limit=10&skip=${rand(POSTS - 10)}` }) },
      'post by id': { request: () => ({ path: `/posts/${1 + rand(POSTS)}` }) },
      search: { request: () => ({ path: `/posts?search=${WORDS[rand(WORDS.length)]}&limit=10` }) },
    };
    const rows = [];
    for (const [name, scenario] of Object.entries(scenarios)) {
      await run(API, { ...scenario, duration: 2 }); // warm-up
      const floorResult = summary(await run(FLOOR, scenario));
      const apiResult = summary(await run(API, scenario));
      rows.push({ name, api: apiResult, floor: floorResult });
      console.log(name, apiResult, floorResult);
    }

    // Writes: random users vote and unvote on random posts; every 201 is tallied and the table counted after.
    const before = Number((await sql(url, 'SELECT count(*) FROM votes')).rows[0].count);
    let added = 0;
    let removed = 0;
    const voteScenario = {
      request: () => {
        const user = 1 + rand(USERS);
        const post = 1 + rand(POSTS);
        return {
          method: 'POST',
          path: '/vote',
          headers: { authorization: `Bearer ${token(user)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ post_id: post, dir: rand(2) }),
        };
      },
    };
    voteScenario.onResponse = (status, body) => {
      if (status !== 201) return;
      if (body.includes('added')) added++;
      else removed++;
    };
    const votes = summary(await run(API, { ...voteScenario, amount: 5000 }));
    const after = Number((await sql(url, 'SELECT count(*) FROM votes')).rows[0].count);
    const votesConsistent = after === before + added - removed;
    rows.push({ name: 'vote / unvote', api: votes });
    console.log('votes', votes, { before, added, removed, after, votesConsistent });

    const loginScenario = {
      request: () => ({
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=user${1 + rand(USERS)}%40bench.example&password=${PASSWORD}`,
      }),
    };
    const login = summary(await run(API, { ...loginScenario, connections: 8 }));
    rows.push({ name: 'login (bcrypt cost 12)', api: login });
    console.log('login', login);

    const [feedDuringFlood, flood] = await Promise.all([
      run(API, { ...scenarios.feed, connections: 16 }),
      run(API, { ...loginScenario, connections: 16 }),
    ]);
    rows.push({ name: 'feed during a login flood', api: summary(feedDuringFlood) });
    rows.push({ name: 'the login flood itself', api: summary(flood) });
    console.log('feed during flood', summary(feedDuringFlood), 'flood', summary(flood));

    const rss = rssMb(api.pid);
    const pgVersion = (await sql(url, 'SHOW server_version')).rows[0].server_version;
    const report = renderReport({ rows, rss, seedMs, votesConsistent, before, added, removed, after, pgVersion });
    writeFileSync(path.join(__dirname, 'results.md'), report);
    console.log(`\n${report}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await sql(dbUrl('postgres'), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

function renderReport({ rows, rss, seedMs, votesConsistent, before, added, removed, after, pgVersion }) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `# Benchmark results`,
    ``,
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} on the same machine.`,
    `${CONNECTIONS} connections, ${DURATION} s per scenario (login: 8; the flood: 16 + 16), seeded ${USERS} users, ${POSTS} posts (10% unpublished), 200,000 votes in ${(seedMs / 1000).toFixed(1)} s.`,
    `The floor is bench/floor-server.js: node:http + pg, no framework, the API's own SQL and JSON (checked identical before measuring).`,
    ``,
    `| scenario | API req/s | API p50 ms | API p99 ms | floor req/s | floor p50 ms | floor p99 ms | API / floor |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|`,
    ...rows.map(({ name, api, floor }) =>
      [
        name,
        api.rps,
        api.p50,
        api.p99,
        floor ? floor.rps : '',
        floor ? floor.p50 : '',
        floor ? floor.p99 : '',
        floor ? `${Math.round((100 * api.rps) / floor.rps)}%` : '',
      ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
    ),
    ``,
    `Votes: ${before} before, ${added} added, ${removed} removed, ${after} after: ${votesConsistent ? 'consistent' : 'INCONSISTENT'}.`,
    `API resident memory after the run: ${rss} MB.`,
    ``,
  ];
  return lines.join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
