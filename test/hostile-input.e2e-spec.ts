import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createLoggedInUser, createPost, createUser, LoggedInUser, unique } from './support/factories';
import { startTestApp, TEST_SECRET, TestApp } from './support/test-app';

/** One case for each class of hostile input in the contract's "Hostile input" section. */
describe('hostile input', () => {
  let t: TestApp;
  let alice: LoggedInUser;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '5', TRUST_PROXY_HOPS: '1'});
    alice = await createLoggedInUser(t);
  });
  afterAll(() => t.close());

  /** Sends raw bytes with exactly the given headers (supertest would add a Content-Type or re-encode a Buffer). */
  const sendRaw = async (path: string, headers: Record<string, string>, body: Buffer | string) => {
    const server = createServer(t.app.getHttpAdapter().getInstance());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { method: 'POST', headers, body: new Blob([body]) });
      return { status: res.status, body: (await res.json()) as { detail: { type: string }[] } };
    } finally {
      server.close();
    }
  };
  const postCount = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM posts'))[0].n);
  const expect422 = (res: request.Response, loc: (string | number)[], type?: string) => {
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([expect.objectContaining({ loc, msg: expect.any(String), ...(type ? { type } : {}) })]);
  };

  describe('text PostgreSQL cannot store unchanged', () => {
    it.each([
      ['a NUL in a title', { title: 'a\u0000b', content: 'c' }, 'title'],
      ['a NUL in content', { title: 't', content: '\u0000' }, 'content'],
      ['a lone surrogate in a title', { title: 'x\ud800', content: 'c' }, 'title'],
      ['a lone low surrogate in content', { title: 't', content: '\udc00y' }, 'content'],
    ])('refuses %s with 422 and stores nothing', async (_case, body, field) => {
      const before = await postCount();
      expect422(await request(t.server).post('/posts').set(alice.auth).send(body), ['body', field], 'string_unicode');
      expect(await postCount()).toBe(before);
    });

    it('refuses them in a PATCH, a search term, every registration field and the login username', async () => {
      const post = await createPost(t, alice);
      expect422(await request(t.server).patch(`/posts/${post.id}`).set(alice.auth).send({ content: '\u0000' }), ['body', 'content']);
      expect422(await request(t.server).get('/posts').query({ search: 'a\u0000' }).set(alice.auth), ['query', 'search']);
      expect422(await request(t.server).post('/users').send({ email: 'a\ud800@example.com', password: 'password123' }), ['body', 'email']);
      expect422(await request(t.server).post('/users').send({ email: 'a@example.com', password: 'password\u0000123' }), ['body', 'password']);
      expect422(await request(t.server).post('/login').type('form').send({ username: 'a\u0000b', password: 'password123' }), ['body', 'username']);
      // The login's password says nothing about what a password may hold: a wrong one (the Trust section).
      const res = await request(t.server).post('/login').type('form').send({ username: 'a@example.com', password: 'a\u0000b' }).expect(403);
      expect(res.body).toEqual({ detail: 'Invalid Credentials' });
    });

    it('stores a well-formed astral character as sent', async () => {
      const title = `emoji 😀 ${unique()}`;
      const created = await request(t.server).post('/posts').set(alice.auth).send({ title, content: 'c' }).expect(201);
      const read = await request(t.server).get(`/posts/${created.body.id}`).set(alice.auth).expect(200);
      expect(read.body.Post.title).toBe(title);
    });

    it('refuses a JSON body that is not UTF-8 instead of decoding it into replacement characters', async () => {
      const bytes = Buffer.concat([Buffer.from('{"title": "'), Buffer.from([0xff, 0xfe]), Buffer.from('", "content": "c"}')]);
      const before = await postCount();
      const res = await sendRaw('/posts', { ...alice.auth, 'Content-Type': 'application/json' }, bytes);
      expect(res.status).toBe(422);
      expect(await postCount()).toBe(before);
      expect(res.body.detail[0].type).toBe('json_invalid');
    });
  });

  it('counts lengths in code points, as PostgreSQL does (variation selectors included)', async () => {
    const heart = '\u2764\ufe0f'; // two code points
    const ok = await request(t.server).post('/posts').set(alice.auth).send({ title: heart.repeat(150), content: 'c' });
    expect(ok.status).toBe(201);
    expect422(await request(t.server).post('/posts').set(alice.auth).send({ title: `${heart.repeat(150)}x`, content: 'c' }), ['body', 'title'], 'string_too_long');
    expect422(await request(t.server).post('/posts').set(alice.auth).send({ title: 't', content: '😀'.repeat(20001) }), ['body', 'content'], 'string_too_long');
  });

  it.each(['title', 'content', 'published'])('refuses null for %s in a PATCH and leaves the post as it was', async (field) => {
    const post = await createPost(t, alice);
    expect422(await request(t.server).patch(`/posts/${post.id}`).set(alice.auth).send({ [field]: null }), ['body', field]);
    const read = await request(t.server).get(`/posts/${post.id}`).set(alice.auth).expect(200);
    expect(read.body.Post).toMatchObject({ title: post.title, content: post.content, published: post.published });
  });

  it('refuses JSON nested deeper than 32 levels, even before login, without walking it', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const body = `{"email": "a@example.com", "password": "password123", "x": ${deep(5000)}}`;
    const res = await request(t.server).post('/users').set('Content-Type', 'application/json').send(body);
    expect422(res, ['body'], 'json_invalid');
    const nested = `{"title": "t", "content": "c", "x": ${deep(31)}}`;
    await request(t.server).post('/posts').set(alice.auth).set('Content-Type', 'application/json').send(nested).expect(201);
    const tooDeep = `{"title": "t", "content": "c", "x": ${deep(32)}}`;
    expect422(await request(t.server).post('/posts').set(alice.auth).set('Content-Type', 'application/json').send(tooDeep), ['body'], 'json_invalid');
    await request(t.server).post('/posts').set('Content-Type', 'application/json').send(tooDeep).expect(401);
  });

  describe('tokens', () => {
    it.each([['null'], ['"a string"'], ['123'], ['[1, 2]'], ['true']])('answers 401 to a correctly signed token whose payload is %s', async (payload) => {
      const b64 = (s: string) => Buffer.from(s).toString('base64url');
      const unsigned = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(payload)}`;
      const token = `${unsigned}.${createHmac('sha256', TEST_SECRET).update(unsigned).digest('base64url')}`;
      const res = await request(t.server).get('/users/me').set('Authorization', `Bearer ${token}`);
      expect([res.status, res.body]).toEqual([401, { detail: 'Could not validate credentials' }]);
    });

    it('answers 401 when anything follows the token', async () => {
      for (const header of [`Bearer ${alice.token} garbage`, `Bearer ${alice.token} ${alice.token}`, `Bearer  ${alice.token}`]) {
        const res = await request(t.server).get('/users/me').set('Authorization', header);
        expect([header, res.status, res.body]).toEqual([header, 401, { detail: 'Could not validate credentials' }]);
      }
      await request(t.server).get('/users/me').set('Authorization', `Bearer ${alice.token}`).expect(200);
    });
  });

  describe('login', () => {
    const login = (username: string, password: string, ip: string) =>
      request(t.server).post('/login').set('X-Forwarded-For', ip).type('form').send({ username, password });

    it('evaluates at most the limit of simultaneous failed logins for one account from one address; the rest get 429 before any password work', async () => {
      const user = await createUser(t);
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(user.email, `wrong-${i}`, '198.51.100.1')));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(5).fill(403), ...Array(15).fill(429)]);
    });

    it('evaluates at most the per-client limit of simultaneous failed logins from one address', async () => {
      // The client limit is 50 (the default), across 60 accounts.
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login(`nobody-${i}-${unique()}@example.com`, 'password123', '192.0.2.200')));
      expect(answers.map((r) => r.status).sort()).toEqual([...Array(50).fill(403), ...Array(10).fill(429)]);
    });

    it('never logs in with a password longer than the 72 bytes bcrypt reads', async () => {
      const password = 'p'.repeat(72);
      const user = await createUser(t, { password });
      await login(user.email, password, '203.0.113.70').expect(200);
      const res = await login(user.email, `${password}x`, '203.0.113.70').expect(403);
      expect(res.body).toEqual({ detail: 'Invalid Credentials' });
    });

    it('treats an empty form field as missing, and an empty grant_type as absent', async () => {
      const user = await createUser(t);
      expect422(await request(t.server).post('/login').type('form').send({ username: '', password: 'password123' }), ['body', 'username'], 'missing');
      expect422(await request(t.server).post('/login').type('form').send({ username: user.email, password: '' }), ['body', 'password'], 'missing');
      await request(t.server).post('/login').type('form').send({ username: user.email, password: user.password, grant_type: '' }).expect(200);
    });

    it('holds a multipart body to the limit as a whole, not per field', async () => {
      const part = 'x'.repeat(60 * 1024);
      const res = await request(t.server).post('/login').field('username', part).field('password', part).field('scope', part);
      expect([res.status, res.body]).toEqual([413, { detail: 'Request body too large' }]);
    });
  });

  describe('content types', () => {
    it('refuses a form body on a JSON route, as FastAPI does', async () => {
      const before = await postCount();
      expect422(await request(t.server).post('/posts').set(alice.auth).type('form').send({ title: 't', content: 'c' }), ['body'], 'model_attributes_type');
      expect422(await request(t.server).post('/users').field('email', 'a@example.com').field('password', 'password123'), ['body'], 'model_attributes_type');
      expect(await postCount()).toBe(before);
    });

    it('reads JSON sent without a Content-Type, or as application/<anything>+json', async () => {
      const body = JSON.stringify({ title: 'typeless', content: 'c' });
      expect((await sendRaw('/posts', alice.auth, body)).status).toBe(201);
      await request(t.server).post('/posts').set(alice.auth).set('Content-Type', 'application/vnd.api+json').send(body).expect(201);
    });
  });

  it.each([['0x10'], ['1e1'], ['1.0'], [' 1_0']])('refuses the query integer %s, as FastAPI does', async (limit) => {
    expect422(await request(t.server).get('/posts').query({ limit }).set(alice.auth), ['query', 'limit'], 'int_parsing');
  });
});
