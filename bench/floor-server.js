'use strict';
// The reference ("floor") for the benchmark: node:http and pg, no framework, no
// ORM, the same answers as the API for the feed and a post by id (same JSON, same
// X-Total-Count), with the JWT checked by hand and the user's existence and live
// session folded into the same SQL statement. Anything the API does beyond this is overhead.
const http = require('node:http');
const { createHmac, timingSafeEqual } = require('node:crypto');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const secret = process.env.SECRET_KEY;

const iso = (d) => d.toISOString().replace('Z', '+00:00');

function viewerOf(req) {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !token) return null;
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const valid = Number.isInteger(claims.user_id) && Number.isInteger(claims.sid) && claims.exp > Date.now() / 1000;
  return valid ? { user: claims.user_id, sid: claims.sid } : null;
}

// The page's ids first, then owners and vote counts for those rows only.
const WITH_OWNER_AND_VOTES = `
  SELECT p.id, p.title, p.content, p.published, p.created_at, p.owner_id, u.email, u.created_at AS owner_created_at,
         (SELECT count(*)::int FROM votes v WHERE v.post_id = p.id) AS votes
  FROM page JOIN posts p ON p.id = page.id JOIN users u ON u.id = p.owner_id
  ORDER BY p.id DESC`;
const VISIBLE = `(p.published OR p.owner_id = $1) AND EXISTS (
  SELECT 1 FROM users me JOIN sessions s ON s.user_id = me.id WHERE me.id = $1 AND s.id = $2 AND s.last_used_at > now() - interval '30 days')`;

const toPostOut = (r) => ({
  Post: {
    id: r.id, title: r.title, content: r.content, published: r.published, created_at: iso(r.created_at), owner_id: r.owner_id,
    owner: { id: r.owner_id, email: r.email, created_at: iso(r.owner_created_at) },
  },
  votes: r.votes,
});

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://x');
  const viewer = viewerOf(req);
  if (viewer === null) return send(res, 401, { detail: 'Not authenticated' });
  if (url.pathname === '/posts') {
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const skip = Number(url.searchParams.get('skip') ?? 0);
    const search = url.searchParams.get('search') ?? '';
    const where = search === '' ? VISIBLE : `${VISIBLE} AND p.title ILIKE $3`;
    const params = search === '' ? [viewer.user, viewer.sid] : [viewer.user, viewer.sid, `%${search.replace(/[\\%_]/g, '\\$&')}%`];
    const n = params.length;
    const [rows, total] = await Promise.all([
      pool.query(`WITH page AS (SELECT p.id FROM posts p WHERE ${where} ORDER BY p.id DESC LIMIT $${n + 1} OFFSET $${n + 2}) ${WITH_OWNER_AND_VOTES}`, [
        ...params,
        limit,
        skip,
      ]),
      pool.query(`SELECT count(*)::int AS n FROM posts p WHERE ${where}`, params),
    ]);
    return send(res, 200, rows.rows.map(toPostOut), { 'X-Total-Count': String(total.rows[0].n) });
  }
  const match = /^\/posts\/(\d+)$/.exec(url.pathname);
  if (match) {
    const { rows } = await pool.query(`WITH page AS (SELECT p.id FROM posts p WHERE p.id = $3 AND ${VISIBLE}) ${WITH_OWNER_AND_VOTES}`, [
      viewer.user,
      viewer.sid,
      Number(match[1]),
    ]);
    return rows.length ? send(res, 200, toPostOut(rows[0])) : send(res, 404, { detail: `post with id: ${match[1]} was not found` });
  }
  return send(res, 404, { detail: 'Not Found' });
}

http
  .createServer((req, res) => handle(req, res).catch(() => send(res, 500, { detail: 'Internal Server Error' })))
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
