'use strict';
// What the two reference servers of the benchmark (floor-server.js: node:http;
// express-server.js: Express) share: the token checked by hand, the token's user and
// live session looked up in one statement, and the API's own SQL builders and JSON (taken from the compiled
// app, so they cannot drift; bench/run.js checks that all answer alike before it
// measures). Anything the API does beyond this is overhead.
// REFERENCE_SESSION_LOOKUP=0 leaves the lookup out: the token's signature and expiry are
// checked and its user_id is the viewer, with no statement (the issue's "JWT check and no
// session lookup" reference, which the API's in-memory session cache is measured against).
const { createHmac, timingSafeEqual } = require('node:crypto');
const { Pool } = require('pg');
const { loadConfig } = require('../dist/src/config/app-config');
const { FeedCursors, feedHeaders } = require('../dist/src/posts/feed-paging');
const { readFeedPage, readablePostQuery } = require('../dist/src/posts/posts.repository');
const { toPostOut } = require('../dist/src/posts/post-projection');
const { SearchCounts } = require('../dist/src/posts/search-counts');
const { tokenUserQuery } = require('../dist/src/sessions/token-users');

const config = loadConfig(process.env);
const SESSION_LOOKUP = process.env.REFERENCE_SESSION_LOOKUP !== '0';
const pool = new Pool({ connectionString: config.databaseUrl, max: config.dbPoolSize });
const cursors = new FeedCursors(config.secretKey);
const searchCounts = new SearchCounts();

function claimsOf(authorization) {
  const [scheme, token] = (authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !token) return null;
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', config.secretKey).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return Number.isInteger(claims.user_id) && claims.exp > Date.now() / 1000 ? claims : null;
}

/** The id of the token's user, or null (401). */
async function viewerOf(authorization) {
  const claims = claimsOf(authorization);
  if (!claims) return null;
  if (!SESSION_LOOKUP) return claims.user_id;
  const query = tokenUserQuery(claims, { lifetimeSeconds: config.accessTokenExpireMinutes * 60, sessionDays: config.refreshTokenExpireDays });
  if (!query) return null;
  const { rows } = await pool.query(...query);
  return rows.length ? rows[0].id : null;
}

const unauthorized = { status: 401, body: { detail: 'Could not validate credentials' }, headers: { 'WWW-Authenticate': 'Bearer' } };

/** GET /posts for valid queries (the benchmark sends no others): { status, body, headers }. */
async function feed(viewerId, { limit, skip, search, cursor }) {
  const query = { limit: Number(limit ?? 10), search: search ?? '' };
  const after = cursor === undefined ? undefined : cursors.decode(cursor);
  if (cursor !== undefined && after === undefined) return { status: 422, body: { detail: [{ loc: ['query', 'cursor'], msg: 'Value error, invalid cursor', type: 'value_error' }] } };
  const filter = { viewer: { id: viewerId, emails: config.userEmails }, ...query, skip: skip === undefined ? undefined : Number(skip), after, countLimit: config.searchCountLimit };
  const page = await readFeedPage(async (sql, params) => (await pool.query(sql, params)).rows, filter, searchCounts);
  return { status: 200, body: page.posts, headers: feedHeaders(page, query, cursors) };
}

/** GET /posts/{id}. */
async function post(viewerId, id) {
  const { rows } = await pool.query(...readablePostQuery(Number(id), viewerId));
  return rows.length ? { status: 200, body: toPostOut(rows[0], { id: viewerId, emails: config.userEmails }) } : { status: 404, body: { detail: `post with id: ${id} was not found` } };
}

module.exports = { viewerOf, unauthorized, feed, post };
