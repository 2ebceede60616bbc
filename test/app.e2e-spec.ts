import request from 'supertest';
import { createLoggedInUser } from './support/factories';
import { routesOf } from './support/routes';
import { failNextPrimaryStatement } from './support/sql-statements';
import { startTestApp, TestApp } from './support/test-app';

describe('general rules', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('GET / says hello', async () => {
    const res = await request(t.server).get('/').expect(200);
    expect(res.body).toEqual({ message: 'Hello World' });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  // src/http/express-adapter.ts: Express's swap of prototypes then changes nothing, and V8 keeps one hidden class for all requests.
  it("has Node's server make requests and responses with Express's prototypes already", async () => {
    const express = t.app.getHttpAdapter().getInstance();
    const seen: boolean[] = [];
    const look = (req: object, res: object) => seen.push(Object.getPrototypeOf(req) === express.request, Object.getPrototypeOf(res) === express.response);
    t.server.prependListener('request', look);
    try {
      await request(t.server).get('/').expect(200);
    } finally {
      t.server.removeListener('request', look);
    }
    expect(seen).toEqual([true, true]);
  });

  it('answers with and without a trailing slash, without redirecting', async () => {
    const user = await createLoggedInUser(t);
    for (const path of ['/posts', '/posts/', '/users/me', '/users/me/']) {
      await request(t.server).get(path).set(user.auth).expect(200);
    }
    await request(t.server).get(`/users/${user.id}/`).expect(200);
  });

  it('takes writes with a trailing slash too (the course client posts to /users/)', async () => {
    const email = `slash-${Date.now()}@example.com`;
    await request(t.server).post('/users/').send({ email, password: 'password123' }).expect(201);
    const login = await request(t.server).post('/login/').type('form').send({ username: email, password: 'password123' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.access_token}` };
    const post = await request(t.server).post('/posts/').set(auth).send({ title: 't', content: 'c' }).expect(201);
    await request(t.server).put(`/posts/${post.body.id}/`).set(auth).send({ title: 't2', content: 'c2' }).expect(200);
    await request(t.server).post('/vote/').set(auth).send({ post_id: post.body.id, dir: 1 }).expect(201);
    await request(t.server).delete(`/posts/${post.body.id}/`).set(auth).expect(204);
  });

  it('answers an unexpected failure with 500 {"detail": "Internal Server Error"} and nothing of the cause', async () => {
    const user = await createLoggedInUser(t);
    const failure = Object.assign(new Error('syntax error at or near "SELEKT" in SELECT secret FROM posts'), { code: '42601' });
    const query = failNextPrimaryStatement(t.db, failure);
    const res = await request(t.server).get('/posts/1').set(user.auth).expect(500);
    query.mockRestore();
    expect(res.body).toEqual({ detail: 'Internal Server Error' });
    expect(res.text).not.toMatch(/SELEKT|SELECT|42601|at .*\.ts/);
  });

  it('answers an unknown path with 404 {"detail": "Not Found"}', async () => {
    const res = await request(t.server).get('/no/such/thing').expect(404);
    expect(res.body).toEqual({ detail: 'Not Found' });
  });

  it('answers a wrong method on a known path with 405 {"detail": "Method Not Allowed"}', async () => {
    const res = await request(t.server).delete('/users').expect(405);
    expect(res.body).toEqual({ detail: 'Method Not Allowed' });
    expect(res.headers.allow).toBe('POST');
    await request(t.server).put('/vote').expect(405);
    const posts = await request(t.server).post('/posts/1').expect(405);
    expect(posts.headers.allow).toBe('DELETE, GET, HEAD, PATCH, PUT');
  });

  it('does not announce the framework', async () => {
    const res = await request(t.server).get('/');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('lets a browser on another origin read X-Total-Count (CORS)', async () => {
    const res = await request(t.server).options('/posts').set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'GET');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const get = await request(t.server).get('/').set('Origin', 'https://app.example');
    expect(get.headers['access-control-expose-headers']).toContain('X-Total-Count');
  });
});

describe('docs', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('serves the OpenAPI document with every route the controllers declare, tagged, and the OAuth2 password flow', async () => {
    const { body: doc } = await request(t.server).get('/openapi.json').expect(200);
    expect(doc.openapi).toMatch(/^3\./);
    const declared = routesOf(t.app).map(({ method, path }) => `${method} ${path}`).sort();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((method) => `${method} ${path}`)).sort();
    expect(declared.length).toBeGreaterThan(0);
    expect(documented).toEqual(declared);
    // Every route but the root belongs to a tag; the contract names four of them.
    const untagged = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { tags?: string[] }>).filter(([, op]) => !op.tags?.length).map(([method]) => `${method} ${path}`),
    );
    expect(untagged).toEqual(['get /']);
    const tags = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops as object).flatMap((op) => op.tags ?? [])));
    expect([...tags]).toEqual(expect.arrayContaining(['Authentication', 'Posts', 'Users', 'Vote']));
    const [scheme] = Object.values(doc.components.securitySchemes) as { type: string; flows: { password: { tokenUrl: string } } }[];
    expect(scheme.type).toBe('oauth2');
    expect(scheme.flows.password.tokenUrl).toBe('login');
    expect(scheme.flows.password).toMatchObject({ refreshUrl: 'login' });
    expect(doc.paths['/posts/{id}'].put.responses).toHaveProperty('403');
    expect(doc.paths['/posts'].post.responses).toHaveProperty('422');
    expect(doc.components.schemas.PostOut.properties).toHaveProperty('Post');
    expect(doc.paths['/login'].post.requestBody.content).toHaveProperty('application/x-www-form-urlencoded');
    expect(doc.components.schemas.LoginForm.properties).toHaveProperty('refresh_token');
    expect(Object.keys(doc.components.schemas.Token.properties).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
  });

  it('documents every answer of the sessions and accounts routes', async () => {
    const { body: doc } = await request(t.server).get('/openapi.json').expect(200);
    const answers = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).sort();
    // Besides these, every route declares 405 and 500 (see test/openapi.e2e-spec.ts).
    expect(answers('/login', 'post')).toEqual(['200', '401', '403', '405', '413', '422', '429', '500', '503']);
    expect(answers('/logout', 'post')).toEqual(['204', '401', '405', '500', '503']);
    expect(answers('/users/me/sessions', 'get')).toEqual(['200', '401', '405', '500', '503']);
    expect(answers('/users/me/sessions', 'delete')).toEqual(['204', '401', '405', '500', '503']);
    expect(answers('/users/me/sessions/{id}', 'delete')).toEqual(['204', '401', '404', '405', '422', '500', '503']);
    expect(answers('/users/me/password', 'put')).toEqual(['204', '401', '403', '405', '413', '422', '429', '500', '503']);
    expect(answers('/users/me', 'delete')).toEqual(['204', '401', '403', '405', '413', '422', '429', '500', '503']);
    // Never a 429: past the limits the mail is dropped and the answer stays 202 (issue #17, finding 8).
    expect(answers('/password-reset', 'post')).toEqual(['202', '405', '413', '422', '500', '503']);
    expect(answers('/password-reset/confirm', 'post')).toEqual(['204', '400', '405', '413', '422', '500', '503']);
    expect(answers('/.well-known/jwks.json', 'get')).toEqual(['200', '405', '500']);
    for (const [path, method] of [['/logout', 'post'], ['/users/me/sessions', 'get'], ['/users/me/password', 'put'], ['/users/me', 'delete']]) {
      expect(doc.paths[path][method].security).toBeUndefined();
    }
    for (const [path, method] of [['/password-reset', 'post'], ['/password-reset/confirm', 'post'], ['/.well-known/jwks.json', 'get']]) {
      expect(doc.paths[path][method].security).toEqual([]);
    }
    expect(doc.security).toEqual([{ oauth2: [] }]);
    expect(doc.components.schemas.SessionOut.properties).toHaveProperty('current');
  });

  it('serves Swagger UI and ReDoc without loading anything from another host', async () => {
    for (const page of ['/docs', '/redoc']) {
      const res = await request(t.server).get(page).redirects(1).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      const external = [...res.text.matchAll(/(?:src|href)="(https?:)?\/\/[^"]+"/g)].map((m) => m[0]);
      expect(external).toEqual([]);
    }
    const bundle = await request(t.server).get('/redoc/redoc.standalone.js').expect(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
    expect(bundle.text).not.toContain('cdn.redoc.ly');
    const ui = await request(t.server).get('/docs/swagger-ui-bundle.js').expect(200);
    expect(ui.text.length).toBeGreaterThan(100_000);
  });
});
