'use strict';
// npm run bench, part 4: live updates, GET /stream (BENCH_LIVE=0 skips it). On a small
// database seeded with SQL (users, one session each with sid = user id, an author followed
// by the streaming users, two posts to watch), it measures:
// 1. memory: one API process holding BENCH_STREAMS open streams (resident memory before
//    and after, per stream);
// 2. cross-instance latency: BENCH_LIVE_STREAMS streams on instance A, an author posting on
//    instance B; from B's 201 to each stream's `timeline` event for that post, through
//    PostgreSQL LISTEN/NOTIFY and through Redis pub/sub;
// 3. vote coalescing: a burst of BENCH_VOTERS votes on one post (on B), seen by a stream
//    watching it on A and one on B: how many `votes` events, the most in one second, and
//    whether the last carries the final count.
// Settings (all env): BENCH_STREAMS (10000), BENCH_STREAMS_PER_USER (10), BENCH_LIVE_STREAMS
// (1000), BENCH_LIVE_POSTS (20), BENCH_LIVE_GAP_MS (200), BENCH_VOTERS (500),
// BENCH_VOTE_CONCURRENCY (25), BENCH_LIVE_SETTLE_MS (5000), BENCH_OPEN_CONCURRENCY (50),
// BENCH_LIVE_REDIS_URL (redis://127.0.0.1:6379; empty: no Redis run), BENCH_LIVE_TIMEOUT_MS (5000).
// BENCH_STREAMS=0 skips part 1, BENCH_LIVE_STREAMS=0 parts 2 and 3.
const http = require('node:http');
const { readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const num = (name, fallback) => Number(process.env[name] ?? fallback);
const STREAMS = num('BENCH_STREAMS', 10_000);
const STREAMS_EACH = num('BENCH_STREAMS_PER_USER', 10);
const LIVE_STREAMS = num('BENCH_LIVE_STREAMS', 1000);
const POSTS_WRITTEN = num('BENCH_LIVE_POSTS', 20);
const WARM_POSTS = 2;
const GAP_MS = num('BENCH_LIVE_GAP_MS', 200);
const VOTERS = num('BENCH_VOTERS', 500);
const VOTE_CONCURRENCY = num('BENCH_VOTE_CONCURRENCY', 25);
const SETTLE_MS = num('BENCH_LIVE_SETTLE_MS', 5000);
const OPEN_CONCURRENCY = num('BENCH_OPEN_CONCURRENCY', 50);
const EVENT_TIMEOUT_MS = num('BENCH_LIVE_TIMEOUT_MS', 5000);
const REDIS_URL = process.env.BENCH_LIVE_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

/** User 1 writes; users 2.. stream, follow user 1, vote. */
const AUTHOR = 1;
const MEMORY_USERS = Math.ceil(STREAMS / STREAMS_EACH);
const USERS = 1 + Math.max(MEMORY_USERS, LIVE_STREAMS, VOTERS);
/** The posts watched in the vote bursts, one per run (seeded by the author). */
const WATCHED_POSTS = [1, 2];
const PORTS = { memory: 8110, a: 8111, b: 8112 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Users, a session each (sid = id), the followers of the author, two posts; the triggers on (small data). */
async function seedLive(sql, url, passwordHash) {
  const started = Date.now();
  await sql(url, `INSERT INTO users (email, username, password) SELECT 'user' || i || '@bench.example', 'user' || i, $1 FROM generate_series(1, ${USERS}) i`, [passwordHash]);
  await sql(url, `INSERT INTO sessions (id, user_id, family_hash, secret_hash) SELECT id, id, sha256(('f' || id)::bytea), sha256(('s' || id)::bytea) FROM users`);
  await sql(url, `SELECT setval('sessions_id_seq', (SELECT max(id) FROM sessions))`);
  await sql(url, `INSERT INTO follows (follower_id, followee_id) SELECT u, ${AUTHOR} FROM generate_series(2, ${USERS}) u`);
  await sql(url, `INSERT INTO posts (title, content, published, owner_id) SELECT 'Watched post ' || i, 'c', true, ${AUTHOR} FROM generate_series(1, ${WATCHED_POSTS.length}) i`);
  await sql(url, 'DELETE FROM timeline_jobs');
  await sql(url, 'VACUUM ANALYZE');
  return Date.now() - started;
}

function rssKb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

/** Splits an event stream into events; calls onEvent(name, data, at) for each (comments skipped). */
function sseParser(onEvent) {
  let buffer = '';
  return (chunk) => {
    const at = performance.now();
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(event, data.join('\n'), at);
    }
  };
}

/**
 * Opens GET `path` as `userId` on its own socket (no agent, no keep-alive) and resolves once
 * the 200 and its first bytes are in; rejects on another status, an error or OPEN_TIMEOUT.
 * `onEvent` sees the events; `onClose` is called if the server closes the stream.
 */
function openStream(port, path, authorization, { onEvent, onClose } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false, headers: { authorization, accept: 'text/event-stream' } });
    const timer = setTimeout(() => req.destroy(new Error(`no answer to ${path} in 15 s`)), 15_000);
    let opened = false;
    const stream = { req, closedByServer: false, close: () => req.destroy() };
    req.on('error', (err) => {
      clearTimeout(timer);
      if (!opened) reject(err);
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          clearTimeout(timer);
          reject(new Error(`${path}: ${res.statusCode} ${body.slice(0, 200)}`));
        });
        return;
      }
      res.setEncoding('utf8');
      const parse = onEvent ? sseParser(onEvent) : null;
      res.on('data', (chunk) => {
        if (!opened) {
          opened = true;
          clearTimeout(timer);
          resolve(stream);
        }
        parse?.(chunk);
      });
      res.on('error', () => undefined);
      res.on('end', () => {
        stream.closedByServer = true;
        onClose?.();
      });
    });
    req.end();
  });
}

/** Runs `task(i)` for i < n, `concurrency` at a time; returns the results in order. */
async function pool(n, concurrency, task) {
  const results = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** Opens `n` streams; those that fail are counted, not thrown (the first error is kept). */
async function openMany(n, open) {
  const failures = { count: 0, first: undefined };
  const streams = await pool(n, OPEN_CONCURRENCY, async (i) => {
    try {
      return await open(i);
    } catch (err) {
      failures.count++;
      failures.first ??= err.message;
      return undefined;
    }
  });
  return { streams: streams.filter(Boolean), failures };
}

const closeAll = (streams) => streams.forEach((s) => s?.close());

const percentiles = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return sorted.length ? { p50: at(0.5), p99: at(0.99), max: sorted.at(-1), min: sorted[0] } : { p50: NaN, p99: NaN, max: NaN, min: NaN };
};

/**
 * The processes this part started, stopped by their own handles (SIGTERM, then SIGKILL
 * after 10 s), also if the bench dies.
 */
const running = new Set();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return running.delete(child);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

async function start(spawnApi, url, port, env) {
  const child = await spawnApi.start(url, port, { LOG_LEVEL, ...env });
  running.add(child);
  return child;
}

/**
 * After a full garbage collection in the API process (bench/gc-probe.js): its resident
 * memory and process.memoryUsage(), in KB.
 */
async function afterGc(pid, file) {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await sleep(100);
    try {
      const usage = JSON.parse(readFileSync(file, 'utf8'));
      await sleep(500);
      return { rssKb: rssKb(pid), heapUsedKb: usage.heapUsed / 1024, externalKb: (usage.external + usage.arrayBuffers) / 1024 };
    } catch {
      // not written yet
    }
  }
  throw new Error('the API did not answer the garbage-collection probe');
}

/** Part 1: memory per stream on one process. */
async function measureMemory({ spawnApi, url, token }) {
  const probe = path.join(os.tmpdir(), `bench-gc-probe-${process.pid}.json`);
  const api = await start(spawnApi, url, PORTS.memory, {
    STREAMS_PER_PROCESS: String(Math.max(10_000, STREAMS)),
    STREAMS_PER_USER: String(Math.max(10, STREAMS_EACH)),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc -r ${path.join(__dirname, 'gc-probe.js')}`,
    BENCH_GC_PROBE_FILE: probe,
  });
  let streams = [];
  try {
    const userOf = (i) => 2 + Math.floor(i / STREAMS_EACH);
    const open = (i) => openStream(PORTS.memory, '/stream', `Bearer ${token(userOf(i))}`);
    // Warm-up (code paths, the pools, the session cache of a few users), then closed again.
    const warm = await openMany(Math.min(200, STREAMS), open);
    closeAll(warm.streams);
    await sleep(SETTLE_MS);
    const samples = async () => {
      const kb = [];
      for (let i = 0; i < 3; i++) {
        kb.push(rssKb(api.pid));
        await sleep(1000);
      }
      return kb;
    };
    const before = await samples();
    const gcBefore = await afterGc(api.pid, probe);
    const started = performance.now();
    const opened = await openMany(STREAMS, open);
    streams = opened.streams;
    const openMs = performance.now() - started;
    console.log(`live: ${streams.length} streams open in ${(openMs / 1000).toFixed(1)} s, ${opened.failures.count} failed ${opened.failures.first ?? ''}`);
    await sleep(SETTLE_MS);
    const after = await samples();
    const gcAfter = await afterGc(api.pid, probe);
    const stillOpen = streams.filter((s) => !s.closedByServer).length;
    const beforeKb = Math.min(...before);
    const afterKb = Math.max(...after.slice(1));
    return {
      requested: STREAMS,
      opened: streams.length,
      failed: opened.failures.count,
      firstFailure: opened.failures.first,
      stillOpen,
      openMs,
      beforeKb,
      afterKb,
      samplesBefore: before,
      samplesAfter: after,
      extraMb: (afterKb - beforeKb) / 1024,
      kbPerStream: streams.length ? (afterKb - beforeKb) / streams.length : NaN,
      gcBefore,
      gcAfter,
    };
  } finally {
    closeAll(streams);
    await stop(api);
    rmSync(probe, { force: true });
  }
}

async function request(port, method, path, userToken, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${userToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const at = performance.now();
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return { at, body: JSON.parse(text) };
}

/** Until every map has `id`, or `timeoutMs` passed. */
async function waitFor(maps, id, timeoutMs) {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until && maps.some((m) => !m.has(id))) await sleep(5);
}

/** Parts 2 and 3 on two processes A and B sharing the database, the channel given by `env`. */
async function measureChannel({ spawnApi, url, token, sql }, name, env, watchedPost) {
  const [a, b] = await Promise.all([start(spawnApi, url, PORTS.a, env), start(spawnApi, url, PORTS.b, env)]);
  let streams = [];
  try {
    // Part 2: one stream on A per follower; each keeps when each timeline post arrived.
    const arrivals = Array.from({ length: LIVE_STREAMS }, () => new Map());
    let closedByServer = 0;
    const opened = await openMany(LIVE_STREAMS, (i) =>
      openStream(PORTS.a, '/stream', `Bearer ${token(2 + i)}`, {
        onEvent: (event, data, at) => {
          if (event === 'timeline') arrivals[i].set(JSON.parse(data).Post.id, at);
        },
        onClose: () => closedByServer++,
      }),
    );
    streams = opened.streams;
    if (opened.failures.count) throw new Error(`live ${name}: ${opened.failures.count} of ${LIVE_STREAMS} streams failed to open: ${opened.failures.first}`);
    const maps = arrivals;
    const samples = [];
    let missed = 0;
    const perPost = [];
    for (let n = 0; n < WARM_POSTS + POSTS_WRITTEN; n++) {
      const { at, body } = await request(PORTS.b, 'POST', '/posts', token(AUTHOR), { title: `live ${name} ${n}`, content: 'x' });
      await waitFor(maps, body.id, EVENT_TIMEOUT_MS);
      if (n >= WARM_POSTS) {
        const ms = maps.filter((m) => m.has(body.id)).map((m) => m.get(body.id) - at);
        samples.push(...ms);
        missed += maps.length - ms.length;
        const p = percentiles(ms);
        perPost.push({ id: body.id, first: p.min, last: p.max });
      }
      await sleep(GAP_MS);
    }
    // Each post reaches all the streams in one fan-out: a stall of one post (a GC pause, the machine's
    // other load) moves LIVE_STREAMS samples at once, so the per-post spread is kept too.
    const latency = {
      ...percentiles(samples),
      samples: samples.length,
      missed,
      closedByServer,
      firstOfPost: percentiles(perPost.map((p) => p.first)),
      lastOfPost: percentiles(perPost.map((p) => p.last)),
      lastByPost: perPost.map((p) => Math.round(p.last)),
    };
    console.log(`live ${name}: latency`, latency);

    // Part 3: a burst of votes on B, watched on A (the other instance) and on B (the same one).
    const watchers = {};
    for (const [where, port] of [['A (other instance)', PORTS.a], ['B (same instance)', PORTS.b]]) {
      const events = [];
      watchers[where] = { events, stream: await openStream(port, `/stream?watch=${watchedPost}`, `Bearer ${token(AUTHOR)}`, {
        onEvent: (event, data, t) => event === 'votes' && events.push({ at: t, votes: JSON.parse(data).votes }),
      }) };
      streams.push(watchers[where].stream);
    }
    const burstStarted = performance.now();
    const answers = await pool(VOTERS, VOTE_CONCURRENCY, (i) => request(PORTS.b, 'PUT', `/posts/${watchedPost}/vote`, token(2 + i)).then((r) => r.body.votes));
    const burstMs = performance.now() - burstStarted;
    // The last event may come up to a coalescing interval (and a read) after the last vote.
    await sleep(1500);
    const final = Number((await sql(url, 'SELECT votes_count FROM posts WHERE id = $1', [watchedPost])).rows[0].votes_count);
    const counted = Number((await sql(url, 'SELECT count(*) FROM votes WHERE post_id = $1', [watchedPost])).rows[0].count);
    const votes = Object.fromEntries(
      Object.entries(watchers).map(([where, { events }]) => {
        const times = events.map((e) => e.at);
        let most = 0;
        for (let i = 0, j = 0; i < times.length; i++) {
          while (times[i] - times[j] >= 1000) j++;
          most = Math.max(most, i - j + 1);
        }
        const gaps = times.slice(1).map((t, i) => Math.round(t - times[i]));
        return [where, { events: events.length, mostPerSecond: most, gaps, last: events.at(-1)?.votes, lastIsFinal: events.at(-1)?.votes === final }];
      }),
    );
    const vote = { post: watchedPost, voters: VOTERS, burstMs, final, counted, highestAnswer: Math.max(...answers), watchers: votes };
    console.log(`live ${name}: votes`, JSON.stringify(vote));
    return { latency, vote };
  } finally {
    closeAll(streams);
    await Promise.all([stop(a), stop(b)]);
  }
}

async function measureLive({ sql, dbUrl, token, passwordHash, spawnApi }) {
  const dbName = `social_bench_live_${Date.now()}`;
  const url = dbUrl(dbName);
  await sql(dbUrl('postgres'), `CREATE DATABASE ${dbName}`);
  try {
    await spawnApi.migrate(url);
    const seedMs = await seedLive(sql, url, await passwordHash);
    console.log(`live: seeded ${USERS} users with a session each, ${USERS - 1} following user ${AUTHOR}, in ${seedMs} ms`);
    const context = { spawnApi, url, token, sql };
    const memory = STREAMS > 0 ? await measureMemory(context) : undefined;
    console.log('live: memory', memory);
    const channels = {};
    if (LIVE_STREAMS > 0) {
      channels['PostgreSQL LISTEN/NOTIFY'] = await measureChannel(context, 'postgres', {}, WATCHED_POSTS[0]);
      if (REDIS_URL) channels['Redis pub/sub'] = await measureChannel(context, 'redis', { REDIS_URL }, WATCHED_POSTS[1]);
    }
    return { seedMs, users: USERS, memory, channels };
  } finally {
    await Promise.all([...running].map(stop));
    await sql(dbUrl('postgres'), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

function renderLive(live, row) {
  const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  const m = live.memory;
  const mark = (ok) => (ok ? 'met' : '**NOT met**');
  const channelRows = Object.entries(live.channels).map(([name, { latency: l }]) =>
    row([name, l.samples, ms(l.p50), ms(l.p99), ms(l.max), l.missed, mark(l.p99 <= 250 && l.missed === 0)]),
  );
  const voteRows = Object.entries(live.channels).flatMap(([name, { vote }]) =>
    Object.entries(vote.watchers).map(([where, w]) =>
      row([`${name}, watched on ${where}`, vote.voters, (vote.burstMs / 1000).toFixed(2), w.events, w.mostPerSecond, `${w.last} / ${vote.final}`, mark(w.mostPerSecond <= 4 && w.lastIsFinal)]),
    ),
  );
  return [
    `## Live updates (GET /stream)`,
    ``,
    `Settings: BENCH_STREAMS=${STREAMS} (${STREAMS_EACH} a user), BENCH_LIVE_STREAMS=${LIVE_STREAMS}, BENCH_LIVE_POSTS=${POSTS_WRITTEN} (after ${WARM_POSTS} unmeasured, ${GAP_MS} ms apart), BENCH_VOTERS=${VOTERS} (${VOTE_CONCURRENCY} at a time), settle ${SETTLE_MS} ms. A database seeded with SQL in ${(live.seedMs / 1000).toFixed(1)} s: ${live.users} users with a session each (tokens minted with sid = user id), all following user ${AUTHOR}, the author. Streams are raw node:http requests, one socket each (no agent), with the bearer token.`,
    ``,
    ...(m ? [`Memory: one API process; ${m.opened} of ${m.requested} streams opened (${m.failed} failed${m.firstFailure ? `: ${m.firstFailure}` : ''}) in ${(m.openMs / 1000).toFixed(1)} s, ${m.stillOpen} still open at the end, after ${Math.min(200, m.requested)} opened and closed to warm up.`,
    `- resident memory (VmRSS) before: ${(m.beforeKb / 1024).toFixed(1)} MB (lowest of 3 samples 1 s apart, after the warm-up and a ${SETTLE_MS} ms wait)`,
    `- resident memory with the streams open: ${(m.afterKb / 1024).toFixed(1)} MB (highest of the last 2 of 3 samples 1 s apart, after a ${SETTLE_MS} ms wait)`,
    `- extra: ${m.extraMb.toFixed(1)} MB, ${m.kbPerStream.toFixed(1)} KB per stream; target 10,000 streams within 200 MB extra: ${m.opened >= 10_000 ? mark(m.extraMb <= 200) : `not measured at full size (${m.opened} streams; at this rate 10,000 would take ${((m.kbPerStream * 10_000) / 1024).toFixed(0)} MB)`}`,
    `- after a forced full garbage collection (bench/gc-probe.js, the streams still open): resident ${(m.gcBefore.rssKb / 1024).toFixed(1)} MB before, ${(m.gcAfter.rssKb / 1024).toFixed(1)} MB with the streams, ${((m.gcAfter.rssKb - m.gcBefore.rssKb) / m.opened).toFixed(1)} KB per stream; of which the JS heap in use ${((m.gcAfter.heapUsedKb - m.gcBefore.heapUsedKb) / m.opened).toFixed(1)} KB and buffers outside it ${((m.gcAfter.externalKb - m.gcBefore.externalKb) / m.opened).toFixed(1)} KB per stream.`,
    ``] : []),
    ...(Object.keys(live.channels).length ? [`Cross-instance latency: two API processes, A and B, on the same database; ${LIVE_STREAMS} streams on A, one for each follower; the author posts on B. From B's 201 (its headers) to each stream on A receiving the \`timeline\` event with that post's id (time-out ${EVENT_TIMEOUT_MS} ms).`,
    ``,
    row(['channel', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'missed', 'target (p99 <= 250 ms, none missed)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---']),
    ...channelRows,
    ``,
    `Vote coalescing: the author's stream watching one post (\`/stream?watch=<id>\`) on A and on B, while ${VOTERS} other users vote on it (\`PUT /posts/{id}/vote\` on B, ${VOTE_CONCURRENCY} at a time); the \`votes\` events counted until 1.5 s after the last answer.`,
    ``,
    row(['channel, stream', 'votes', 'burst s', 'votes events', 'most in 1 s', 'last event / final count', 'target (<= 4 a second, last = final)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---']),
    ...voteRows,
    ``,
    ...Object.entries(live.channels).map(
      ([name, { latency: l, vote }]) =>
        `- ${name}: p50 ${ms(l.p50)} ms, p99 ${ms(l.p99)} ms, max ${ms(l.max)} ms over ${l.samples} samples, ${l.missed} missed, ${l.closedByServer} streams closed by the server. Per post (the first and the last of its ${LIVE_STREAMS} streams): first median ${ms(l.firstOfPost.p50)} ms, last median ${ms(l.lastOfPost.p50)} ms, last of each post in order: ${l.lastByPost.join(', ')} ms. Votes: ${vote.counted} rows, counter ${vote.final}.`,
    ),
    ...Object.entries(live.channels).flatMap(([name, { vote }]) =>
      Object.entries(vote.watchers).map(([where, w]) => `- votes, ${name}, watched on ${where}: ms between the events as they arrived: ${w.gaps.join(', ')}.`),
    ),
    ``] : []),
  ].join('\n');
}

module.exports = { measureLive, renderLive };
