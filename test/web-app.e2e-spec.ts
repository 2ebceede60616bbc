import express from 'express';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { defaultWebAppDir, serveWebApp } from '../src/web-app/serve-web-app';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The web app at /app/ (web/dist, built by `npm run build`, which `npm test` runs first),
 * next to the API: the API's own answers must not change around it.
 */
describe('web app at /app/', () => {
  let t: TestApp;
  const dist = defaultWebAppDir();
  const indexHtml = () => readFileSync(join(dist, 'index.html'), 'utf8');

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves index.html at /app/ and /app, without a token, under the CSP', async () => {
    for (const path of ['/app/', '/app']) {
      const res = await request(t.server).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toBe(indexHtml());
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('answers every page path of the app with index.html (the app routes in the browser)', async () => {
    for (const path of ['/app/login', '/app/reset-password?token=abc', '/app/posts/12/edit', '/app/account/', '/app/all?search=a%20b', '/app/posts/12']) {
      const res = await request(t.server).get(path).expect(200);
      expect(res.text).toBe(indexHtml());
    }
  });

  it('serves the hashed assets with a long cache life, and a missing file as a JSON 404', async () => {
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(indexHtml())![1];
    const res = await request(t.server).get(script).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(t.server).get('/app/assets/index-missing.js').expect(404);
    expect(missing.body).toEqual({ detail: 'Not Found' });
  });

  it('leaves the API as it was: GET /, unknown routes 404, other methods 405, the guard', async () => {
    await request(t.server).get('/').expect(200, { message: 'Hello World' });
    await request(t.server).get('/nope').expect(404, { detail: 'Not Found' });
    await request(t.server).get('/application').expect(404, { detail: 'Not Found' });
    await request(t.server).delete('/').expect(405, { detail: 'Method Not Allowed' });
    await request(t.server).get('/posts').expect(401, { detail: 'Not authenticated' });
    const post = await request(t.server).post('/app/login').send({}).expect(405, { detail: 'Method Not Allowed' });
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('the committed client/openapi.json is the document the app serves (npm run client:generate)', async () => {
    const res = await request(t.server).get('/openapi.json').expect(200);
    expect(JSON.parse(readFileSync(join(__dirname, '../client/openapi.json'), 'utf8'))).toEqual(res.body);
  });
});

describe('web app without a build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'no-web-dist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers /app/ with a JSON 404 that says to build it', async () => {
    const http = express();
    serveWebApp(http, join(dir, 'dist'));
    const res = await request(http).get('/app/').expect(404);
    expect(res.body).toEqual({ detail: 'The web app is not built: run `npm run build` (it writes web/dist)' });
    await request(http).get('/app/login').expect(404);
  });
});
