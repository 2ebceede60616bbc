'use strict';
// The reference ("floor") for the benchmark: node:http and pg, no framework and no
// ORM, doing the API's work for the feed and a post by id with the API's own SQL and
// JSON (taken from the compiled app, so the two cannot drift; bench/run.js checks
// that both answer alike before it measures): the token checked by hand, the token's
// user and live session looked up in one statement, then the post statements.
// Anything the API does beyond this is overhead.
const http = require('node:http');
const { createHmac, timingSafeEqual } = require('node:crypto');
const { Pool } = require('pg');
const { feedQueries, readablePostQuery, toPostOut } = require('../dist/src/posts/posts.repository');
const { tokenUserQuery } = require('../dist/src/sessions/token-users');

// As the API is configured by the benchmark: the defaults.
const TOKEN_LIFETIMES = { lifetimeSeconds: 30 * 60, sessionDays: 30 };

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const secret = process.env.SECRET_KEY;

function claimsOf(req) {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !token) return null;
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return Number.isInteger(claims.user_id) && claims.exp > Date.now() / 1000 ? claims : null;
}

async function viewerOf(req) {
  const claims = claimsOf(req);
  if (!claims) return null;
  const query = tokenUserQuery(claims, TOKEN_LIFETIMES);
  if (!query) return null;
  const { rows } = await pool.query(...query);
  return rows.length ? rows[0].id : null;
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://x');
  const viewerId = await viewerOf(req);
  if (viewerId === null) return send(res, 401, { detail: 'Could not validate credentials' }, { 'WWW-Authenticate': 'Bearer' });
  if (url.pathname === '/posts') {
    const { page, total } = feedQueries({
      viewerId,
      limit: Number(url.searchParams.get('limit') ?? 10),
      skip: Number(url.searchParams.get('skip') ?? 0),
      search: url.searchParams.get('search') ?? '',
    });
    const [rows, count] = await Promise.all([pool.query(...page), pool.query(...total)]);
    return send(res, 200, rows.rows.map(toPostOut), { 'X-Total-Count': String(count.rows[0].total) });
  }
  const match = /^\/posts\/(\d+)$/.exec(url.pathname);
  if (match) {
    const { rows } = await pool.query(...readablePostQuery(Number(match[1]), viewerId));
    return rows.length ? send(res, 200, toPostOut(rows[0])) : send(res, 404, { detail: `post with id: ${match[1]} was not found` });
  }
  return send(res, 404, { detail: 'Not Found' });
}

http
  .createServer((req, res) => handle(req, res).catch(() => send(res, 500, { detail: 'Internal Server Error' })))
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
