'use strict';
// The benchmark's floor: node:http and pg, no framework and no ORM, doing the API's
// work for the feed and a post by id (bench/reference.js).
const http = require('node:http');
const { viewerOf, unauthorized, feed, post } = require('./reference');

function send(res, { status, body, headers = {} }) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://x');
  const viewerId = await viewerOf(req.headers.authorization);
  if (viewerId === null) return send(res, unauthorized);
  if (url.pathname === '/posts') return send(res, await feed(viewerId, Object.fromEntries(url.searchParams)));
  const match = /^\/posts\/(\d+)$/.exec(url.pathname);
  if (match) return send(res, await post(viewerId, match[1]));
  return send(res, { status: 404, body: { detail: 'Not Found' } });
}

http
  .createServer((req, res) => handle(req, res).catch(() => send(res, { status: 500, body: { detail: 'Internal Server Error' } })))
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
