import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createLoggedInUser, createUser, loginAs } from './support/factories';
import { startTestApp, TEST_SECRET, TestApp } from './support/test-app';

describe('POST /login', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers 200 with a bearer token carrying user_id and exp, signed HS256', async () => {
    const user = await createUser(t);
    const res = await request(t.server).post('/login').type('form').send({ username: user.email, password: user.password }).expect(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 1800, refresh_token: expect.any(String) });
    const decoded = jwt.verify(res.body.access_token, TEST_SECRET, { algorithms: ['HS256'], complete: true });
    expect(decoded.header.alg).toBe('HS256');
    const payload = decoded.payload as { user_id: number; exp: number };
    expect(payload.user_id).toBe(user.id);
    const lifetime = payload.exp - Math.floor(Date.now() / 1000);
    expect(lifetime).toBeGreaterThan(29 * 60);
    expect(lifetime).toBeLessThanOrEqual(30 * 60);
  });

  it('accepts multipart/form-data, the grant_type "password" and the e-mail in another letter case', async () => {
    const user = await createUser(t);
    const res = await request(t.server)
      .post('/login')
      .field('username', user.email.toUpperCase())
      .field('password', user.password)
      .field('grant_type', 'password')
      .field('scope', '')
      .field('client_id', 'swagger')
      .field('client_secret', '')
      .expect(200);
    expect(res.body.token_type).toBe('bearer');
  });

  it('answers 403 "Invalid Credentials" alike for a wrong password and an unknown e-mail', async () => {
    const user = await createUser(t);
    const wrong = await request(t.server).post('/login').type('form').send({ username: user.email, password: 'wrong-password' }).expect(403);
    const unknown = await request(t.server).post('/login').type('form').send({ username: 'nobody@example.com', password: 'whatever1' }).expect(403);
    expect(wrong.body).toEqual({ detail: 'Invalid Credentials' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each([
    ['no username', { password: 'password123' }, 'username'],
    ['no password', { username: 'a@example.com' }, 'password'],
  ])('answers 422 for %s', async (_case, form, field) => {
    const res = await request(t.server).post('/login').type('form').send(form).expect(422);
    expect(res.body.detail).toEqual([{ loc: ['body', field], msg: 'Field required', type: 'missing' }]);
  });

  it('refuses an oversized multipart form with 413 and a file upload with 400', async () => {
    const big = await request(t.server).post('/login').field('username', 'a@example.com').field('password', 'x'.repeat(101 * 1024));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ detail: 'Request body too large' });
    const file = await request(t.server).post('/login').field('username', 'a@example.com').attach('password', Buffer.from('secret'), 'p.txt');
    expect(file.status).toBe(400);
    expect(file.body).toEqual({ detail: expect.any(String) });
  });

  it('answers 422 for a grant_type other than "password"', async () => {
    const user = await createUser(t);
    const res = await request(t.server)
      .post('/login')
      .type('form')
      .send({ username: user.email, password: user.password, grant_type: 'client_credentials' })
      .expect(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'grant_type'], type: 'string_pattern_mismatch' });
  });

  it('answers 422 to JSON credentials (the route takes a form) and to no body', async () => {
    await request(t.server).post('/login').send({ username: 'a@example.com', password: 'password123' }).expect(422);
    const res = await request(t.server).post('/login').expect(422);
    expect(res.body.detail).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
  });
});

describe('bearer tokens', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const expectUnauthorized = async (headers: Record<string, string>, detail: string) => {
    const res = await request(t.server).get('/posts').set(headers).expect(401);
    expect(res.body).toEqual({ detail });
    expect(res.headers['www-authenticate']).toBe('Bearer');
  };
  const inAMinute = () => Math.floor(Date.now() / 1000) + 60;
  const sign = (payload: object, secret = TEST_SECRET) => jwt.sign({ exp: inAMinute(), ...payload }, secret, { algorithm: 'HS256' });

  it('lets a valid token through', async () => {
    const user = await createLoggedInUser(t);
    await request(t.server).get('/posts').set(user.auth).expect(200);
    await request(t.server).get('/posts').set({ Authorization: `bearer ${user.token}` }).expect(200);
  });

  it('answers "Not authenticated" without an Authorization header or with another scheme', async () => {
    await expectUnauthorized({}, 'Not authenticated');
    await expectUnauthorized({ Authorization: 'Basic dXNlcjpwYXNz' }, 'Not authenticated');
    await expectUnauthorized({ Authorization: 'Token abc' }, 'Not authenticated');
  });

  it('answers "Could not validate credentials" for a token that fails', async () => {
    const user = await createLoggedInUser(t);
    const cases: Record<string, string> = {
      garbage: 'not-a-jwt',
      'bad signature': sign({ user_id: user.id }, 'another-secret'),
      expired: sign({ user_id: user.id, exp: Math.floor(Date.now() / 1000) - 10 }),
      'other algorithm': jwt.sign({ user_id: user.id, exp: inAMinute() }, TEST_SECRET, { algorithm: 'HS512' }),
      'alg none': jwt.sign({ user_id: user.id, exp: inAMinute() }, '', { algorithm: 'none' }),
      'no user_id': sign({ sub: String(user.id) }),
      'user_id not an integer': sign({ user_id: String(user.id) }),
      'no exp': jwt.sign({ user_id: user.id }, TEST_SECRET, { algorithm: 'HS256' }),
      'unknown user': sign({ user_id: 2_000_000_000 }),
      'out-of-range user id': sign({ user_id: 99_999_999_999 }),
      'tampered payload': user.token.replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ user_id: user.id + 1, exp: 9999999999 })).toString('base64url')}.`),
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await request(t.server).get('/posts').set({ Authorization: `Bearer ${token}` });
      expect([name, res.status, res.body]).toEqual([name, 401, { detail: 'Could not validate credentials' }]);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('answers 401 once the token user no longer exists', async () => {
    const user = await createLoggedInUser(t);
    await t.db.query('DELETE FROM users WHERE id = $1', [user.id]);
    await expectUnauthorized(user.auth, 'Could not validate credentials');
  });

  it('checks the token before the body: 401 for an invalid, missing or malformed body without a token', async () => {
    await request(t.server).post('/posts').send({ title: 123 }).expect(401);
    await request(t.server).post('/posts').expect(401);
    await request(t.server).post('/posts').set('Content-Type', 'application/json').send('{"title": ').expect(401);
    await request(t.server).put('/posts/abc').send({}).expect(401);
    await request(t.server).post('/vote').send({ post_id: 'x', dir: 5 }).expect(401);
  });

  it('keeps working with a token issued before a later login', async () => {
    const user = await createUser(t);
    const first = await loginAs(t, user);
    await loginAs(t, user);
    await request(t.server).get('/users/me').set({ Authorization: `Bearer ${first}` }).expect(200);
  });
});
