import request from 'supertest';
import { createUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const login = (t: TestApp, username: string, password: string, ip = '203.0.113.1') =>
  request(t.server).post('/login').set('X-Forwarded-For', ip).type('form').send({ username, password });

describe('security headers and CORS', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ CORS_ORIGINS: 'https://app.example,https://admin.example', BODY_LIMIT_BYTES: '2048' })));
  afterAll(() => t.close());

  it('sends helmet headers, with a CSP that still lets the docs load their own assets', async () => {
    const res = await request(t.server).get('/docs').redirects(1).expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('allows only the origins of CORS_ORIGINS', async () => {
    const allowed = await request(t.server).get('/').set('Origin', 'https://admin.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example');
    const other = await request(t.server).get('/').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight with CORS_MAX_AGE and exposes the headers a client reads', async () => {
    const preflight = await request(t.server)
      .options('/posts/1/vote')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization')
      .expect(204);
    expect(preflight.headers['access-control-max-age']).toBe('600');
    expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
    const answer = await request(t.server).get('/users/me').set('Origin', 'https://app.example').expect(401);
    const exposed = answer.headers['access-control-expose-headers'].split(',');
    expect(exposed).toEqual(expect.arrayContaining(['WWW-Authenticate', 'Link', 'X-Next-Cursor', 'X-Total-Count-Capped', 'Retry-After']));
  });

  it('holds JSON, URL-encoded and multipart bodies to BODY_LIMIT_BYTES', async () => {
    const big = 'x'.repeat(3000);
    const json = await request(t.server).post('/users').send({ email: 'a@example.com', password: big }).expect(413);
    expect(json.body).toEqual({ detail: 'Request body too large' });
    await request(t.server).post('/login').type('form').send({ username: 'a@example.com', password: big }).expect(413);
    const multipart = await request(t.server).post('/login').field('username', 'a@example.com').field('password', big).expect(413);
    expect(multipart.body).toEqual({ detail: 'Request body too large' });
    await request(t.server).post('/login').field('username', 'a@example.com').field('password', 'x'.repeat(500)).expect(403);
  });

  it('echoes X-Request-Id, or makes one', async () => {
    const given = await request(t.server).get('/').set('X-Request-Id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await request(t.server).get('/').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('rate limits (in memory)', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_CLIENT: '6', REGISTRATIONS_PER_MINUTE: '40', TRUST_PROXY_HOPS: '1' })),
  );
  afterAll(() => t.close());

  it('refuses an account from an address with 429 and Retry-After after repeated failures, even with the right password', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 3; i++) await login(t, user.email, 'wrong-password').expect(403);
    const limited = await login(t, user.email, user.password).expect(429);
    expect(limited.body).toEqual({ detail: 'Too many failed login attempts, try again later' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    await login(t, user.email.toUpperCase(), user.password).expect(429);
    // From an address with no failures the right password logs in (issue #17, finding 1).
    await login(t, user.email.toUpperCase(), user.password, '203.0.113.99').expect(200);
  });

  it('does not count successful logins, and a success clears the failures', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 10; i++) await login(t, user.email, user.password, '198.51.100.1').expect(200);
    await login(t, user.email, 'wrong-password', '198.51.100.1').expect(403);
    await login(t, user.email, 'wrong-password', '198.51.100.1').expect(403);
    await login(t, user.email, user.password, '198.51.100.1').expect(200);
    await login(t, user.email, 'wrong-password', '198.51.100.1').expect(403);
    await login(t, user.email, 'wrong-password', '198.51.100.1').expect(403);
    await login(t, user.email, user.password, '198.51.100.1').expect(200);
  });

  it('refuses a client address that fails across many accounts', async () => {
    for (let i = 0; i < 6; i++) await login(t, `nobody-${i}@example.com`, 'password123', '192.0.2.7').expect(403);
    const res = await login(t, 'someone-else@example.com', 'password123', '192.0.2.7').expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    await login(t, 'someone-else@example.com', 'password123', '192.0.2.8').expect(403);
  });

  it('throttles registrations per client address', async () => {
    const register = (i: number, ip: string) =>
      request(t.server).post('/users').set('X-Forwarded-For', ip).send({ email: `reg-${ip}-${i}-${Date.now()}@example.com`, password: 'password123' });
    const statuses = [];
    for (let i = 0; i < 42; i++) statuses.push((await register(i, '192.0.2.50')).status);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(40);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const limited = await register(99, '192.0.2.50').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await register(0, '192.0.2.51').expect(201);
  });

  it('throttles a registration before refusing its body, which still counts against the limit', async () => {
    const malformed = (ip: string) =>
      request(t.server).post('/users').set('X-Forwarded-For', ip).set('Content-Type', 'application/json').send('{"email": ');
    const statuses = [];
    for (let i = 0; i < 41; i++) statuses.push((await malformed('192.0.2.60')).status);
    expect(statuses.slice(0, 40)).toEqual(Array(40).fill(422));
    expect(statuses[40]).toBe(429);
  });
});

describe('rate limits shared through Redis by two instances', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, LOGIN_MAX_FAILURES: '3', TRUST_PROXY_HOPS: '1' };
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('counts failures on either instance against the same account and address', async () => {
    // Both instances refuse the pair, whichever one saw the failures.
    const email = `shared-${process.pid}-${Date.now()}@example.com`;
    await login(a, email, 'wrong-1').expect(403);
    await login(b, email, 'wrong-2').expect(403);
    await login(a, email, 'wrong-3').expect(403);
    await login(b, email, 'wrong-4').expect(429);
    await login(a, email, 'wrong-5').expect(429);
  });
});
