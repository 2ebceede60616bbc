import jwt from 'jsonwebtoken';
import request from 'supertest';
import { bearer, createLoggedInUser, createUser, eventually, logIn, LoggedInUser, refresh } from './support/factories';
import { recordStatements } from './support/sql-statements';
import { startTestApp, TEST_SECRET, TestApp } from './support/test-app';

const now = () => Math.floor(Date.now() / 1000);
/** A token minted the course's way: `{user_id, exp}` signed HS256 with SECRET_KEY, no `kid`. */
const courseToken = (userId: number, claims: { iat?: number; [claim: string]: unknown } = {}) =>
  // jsonwebtoken adds `iat` unless told not to, and then drops a given one too.
  jwt.sign({ user_id: userId, exp: now() + 30 * 60, ...claims }, TEST_SECRET, { algorithm: 'HS256', noTimestamp: claims.iat === undefined });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const INVALID_REFRESH = { detail: 'Invalid refresh token' };
const UNAUTHORIZED = { detail: 'Could not validate credentials' };

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const me = (token: string) => request(t.server).get('/users/me').set(bearer(token));

  describe('POST /login', () => {
    it('answers the OAuth2 pair: an access token with user_id, sid, iat, exp and a kid, expires_in, and an opaque refresh token', async () => {
      const user = await createUser(t);
      const answer = await logIn(t, user);
      expect(answer).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 1800, refresh_token: expect.any(String) });
      const { header, payload } = jwt.verify(answer.access_token, TEST_SECRET, { algorithms: ['HS256'], complete: true }) as jwt.Jwt & {
        payload: jwt.JwtPayload;
      };
      expect(header).toMatchObject({ alg: 'HS256', kid: expect.any(String) });
      expect(payload).toEqual({ user_id: user.id, sid: expect.any(Number), iat: expect.any(Number), exp: expect.any(Number) });
      expect(payload.exp! - payload.iat!).toBe(1800);
      expect(Math.abs(payload.iat! - now())).toBeLessThanOrEqual(2);
      // Opaque: not a JWT, nothing readable in it.
      expect(answer.refresh_token).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
      const [row] = await t.db.query('SELECT family_hash, secret_hash FROM sessions WHERE id = $1', [payload.sid]);
      const stored = JSON.stringify(row);
      for (const part of answer.refresh_token.split('.')) expect(stored).not.toContain(part);
    });

    it('opens one session per login', async () => {
      const user = await createUser(t);
      const first = await logIn(t, user);
      const second = await logIn(t, user);
      const sid = (token: string) => (jwt.decode(token) as { sid: number }).sid;
      expect(sid(first.access_token)).not.toBe(sid(second.access_token));
      await me(first.access_token).expect(200);
      await me(second.access_token).expect(200);
    });
  });

  describe('the refresh grant', () => {
    it('trades a refresh token for a new pair; the used one is dead from then on', async () => {
      const user = await createLoggedInUser(t);
      const res = await refresh(t, user.refreshToken).expect(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 1800, refresh_token: expect.any(String) });
      expect(res.body.refresh_token).not.toBe(user.refreshToken);
      const sid = (token: string) => (jwt.decode(token) as { sid: number }).sid;
      expect(sid(res.body.access_token)).toBe(sid(user.token));
      await me(res.body.access_token).expect(200);
      const next = await refresh(t, res.body.refresh_token).expect(200);
      await me(next.body.access_token).expect(200);
    });

    it('ends the whole session when a rotated refresh token is presented again (reuse detection)', async () => {
      const user = await createLoggedInUser(t);
      const rotated = (await refresh(t, user.refreshToken).expect(200)).body;
      const replay = await refresh(t, user.refreshToken).expect(401);
      expect(replay.body).toEqual(INVALID_REFRESH);
      expect(replay.headers['www-authenticate']).toBe('Bearer');
      // The pair the legitimate client (or the thief) got is dead too.
      expect((await refresh(t, rotated.refresh_token).expect(401)).body).toEqual(INVALID_REFRESH);
      expect((await me(rotated.access_token).expect(401)).body).toEqual(UNAUTHORIZED);
      await me(user.token).expect(401);
    });

    it('answers 401 "Invalid refresh token" to unknown, malformed and expired refresh tokens', async () => {
      const user = await createLoggedInUser(t);
      const [family] = user.refreshToken.split('.');
      for (const token of ['x', `${'a'.repeat(43)}.${'b'.repeat(43)}`, `${user.refreshToken}.x`, user.token]) {
        const res = await refresh(t, token);
        expect([token, res.status, res.body]).toEqual([token, 401, INVALID_REFRESH]);
      }
      // An empty form field is an absent one, as in FastAPI.
      const empty = await refresh(t, '').expect(422);
      expect(empty.body.detail).toEqual([{ loc: ['body', 'refresh_token'], msg: 'Field required', type: 'missing' }]);
      // A made-up secret for a session nobody holds the family of cannot be told from reuse: it ends the session.
      await refresh(t, `${family}.${'c'.repeat(43)}`).expect(401);
      await me(user.token).expect(401);

      const idle = await createLoggedInUser(t);
      await t.db.query(`UPDATE sessions SET last_used_at = now() - interval '30 days 1 minute' WHERE user_id = $1`, [idle.id]);
      expect((await refresh(t, idle.refreshToken).expect(401)).body).toEqual(INVALID_REFRESH);
      await me(idle.token).expect(401);
    });

    it('keeps a session that was used within REFRESH_TOKEN_EXPIRE_DAYS', async () => {
      const user = await createLoggedInUser(t);
      await t.db.query(`UPDATE sessions SET last_used_at = now() - interval '29 days 23 hours' WHERE user_id = $1`, [user.id]);
      await me(user.token).expect(200);
      await refresh(t, user.refreshToken).expect(200);
    });

    it('answers 422 when the refresh token is missing, and takes no username or password', async () => {
      const res = await request(t.server).post('/login').type('form').send({ grant_type: 'refresh_token' }).expect(422);
      expect(res.body.detail).toEqual([{ loc: ['body', 'refresh_token'], msg: 'Field required', type: 'missing' }]);
      const bad = await request(t.server).post('/login').type('form').send({ grant_type: 'authorization_code', code: 'x' }).expect(422);
      expect(bad.body.detail).toContainEqual(expect.objectContaining({ loc: ['body', 'grant_type'], type: 'string_pattern_mismatch' }));
    });

    it('gives a new pair to at most one of two concurrent refreshes with the same token', async () => {
      for (let round = 0; round < 5; round++) {
        const user = await createLoggedInUser(t);
        const answers = await Promise.all([refresh(t, user.refreshToken), refresh(t, user.refreshToken)]);
        const statuses = answers.map((res) => res.status).sort();
        expect(statuses[0] === 401 || statuses[1] === 401).toBe(true);
        expect(statuses.every((s) => s === 200 || s === 401)).toBe(true);
        // Never two live pairs from one token: of what was handed out, at most one refresh token still works.
        let live = 0;
        for (const res of answers.filter((r) => r.status === 200)) {
          if ((await refresh(t, res.body.refresh_token)).status === 200) live++;
        }
        expect(live).toBeLessThanOrEqual(1);
      }
    });
  });

  describe('POST /logout', () => {
    it('ends the current session only: its access and refresh tokens are refused at once', async () => {
      const user = await createLoggedInUser(t);
      const other = await logIn(t, user);
      await request(t.server).post('/logout').set(user.auth).expect(204);
      expect((await me(user.token).expect(401)).body).toEqual(UNAUTHORIZED);
      expect((await refresh(t, user.refreshToken).expect(401)).body).toEqual(INVALID_REFRESH);
      await me(other.access_token).expect(200);
      await request(t.server).post('/logout').set(user.auth).expect(401);
      await request(t.server).post('/logout').expect(401);
    });

    it("with a course-style token (no session), refuses the user's course-style tokens issued until then", async () => {
      const user = await createLoggedInUser(t);
      const course = courseToken(user.id);
      await me(course).expect(200);
      await request(t.server).post('/logout').set(bearer(course)).expect(204);
      await me(course).expect(401);
      await me(user.token).expect(200);
    });
  });

  describe('GET /users/me/sessions', () => {
    it('lists the live sessions, newest first, marking the current one', async () => {
      const user = await createUser(t);
      const phone = await logIn(t, user, 'Phone/1.0');
      await sleep(5);
      const laptop = await logIn(t, user, 'Laptop/2.0');
      const gone = await logIn(t, user, 'Gone/1.0');
      await request(t.server).post('/logout').set(bearer(gone.access_token)).expect(204);
      const res = await request(t.server).get('/users/me/sessions').set(bearer(phone.access_token)).expect(200);
      expect(res.body).toEqual([
        { id: expect.any(Number), created_at: expect.any(String), last_used_at: expect.any(String), user_agent: 'Laptop/2.0', current: false },
        { id: expect.any(Number), created_at: expect.any(String), last_used_at: expect.any(String), user_agent: 'Phone/1.0', current: true },
      ]);
      expect(res.body[1].id).toBe((jwt.decode(phone.access_token) as { sid: number }).sid);
      expect(res.body[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      const refreshed = await refresh(t, laptop.refresh_token).expect(200);
      const after = await request(t.server).get('/users/me/sessions').set(bearer(refreshed.body.access_token)).expect(200);
      expect(after.body[0]).toMatchObject({ user_agent: 'Laptop/2.0', current: true });
      expect(Date.parse(after.body[0].last_used_at)).toBeGreaterThan(Date.parse(after.body[0].created_at));
    });

    it('leaves out expired sessions and shows none as current for a course-style token', async () => {
      const user = await createLoggedInUser(t);
      const old = await logIn(t, user, 'Old/1.0');
      await t.db.query(`UPDATE sessions SET last_used_at = now() - interval '31 days' WHERE id = $1`, [(jwt.decode(old.access_token) as { sid: number }).sid]);
      const res = await request(t.server).get('/users/me/sessions').set(bearer(courseToken(user.id))).expect(200);
      expect(res.body).toHaveLength(1);
      expect(res.body[0]).toMatchObject({ user_agent: 'jest', current: false });
    });
  });

  describe('DELETE /users/me/sessions/{id}', () => {
    it("ends one of the user's sessions", async () => {
      const user = await createLoggedInUser(t);
      const other = await logIn(t, user);
      const sid = (jwt.decode(other.access_token) as { sid: number }).sid;
      await request(t.server).delete(`/users/me/sessions/${sid}`).set(user.auth).expect(204);
      await me(other.access_token).expect(401);
      await refresh(t, other.refresh_token).expect(401);
      await me(user.token).expect(200);
      const current = (jwt.decode(user.token) as { sid: number }).sid;
      await request(t.server).delete(`/users/me/sessions/${current}/`).set(user.auth).expect(204);
      await me(user.token).expect(401);
    });

    it("answers 404 for another user's session, an ended one and one that cannot exist, 422 for a non-integer id", async () => {
      const [alice, bob] = [await createLoggedInUser(t), await createLoggedInUser(t)];
      const bobs = (jwt.decode(bob.token) as { sid: number }).sid;
      for (const id of [bobs, 2_000_000_000, 0, 99_999_999_999]) {
        const res = await request(t.server).delete(`/users/me/sessions/${id}`).set(alice.auth).expect(404);
        expect(res.body).toEqual({ detail: `Session with id: ${id} does not exist` });
      }
      await me(bob.token).expect(200);
      const bad = await request(t.server).delete('/users/me/sessions/abc').set(alice.auth).expect(422);
      expect(bad.body.detail[0]).toMatchObject({ loc: ['path', 'id'], type: 'int_parsing' });
      await request(t.server).delete(`/users/me/sessions/${bobs}`).expect(401);
    });
  });

  describe('DELETE /users/me/sessions (log out everywhere)', () => {
    it('ends every session, the current one too, and refuses course-style tokens from then on', async () => {
      const user = await createLoggedInUser(t);
      const other = await logIn(t, user);
      const course = courseToken(user.id);
      const withIat = courseToken(user.id, { iat: now() - 5 });
      await me(course).expect(200);
      await request(t.server).delete('/users/me/sessions').set(user.auth).expect(204);
      for (const token of [user.token, other.access_token, course, withIat]) expect((await me(token).expect(401)).body).toEqual(UNAUTHORIZED);
      for (const token of [user.refreshToken, other.refresh_token]) await refresh(t, token).expect(401);
      await request(t.server).delete('/users/me/sessions').expect(401);

      // Claiming to be issued after the moment changes nothing (issue #17, finding 6): such a
      // token names its own issue time, so one forged beforehand could otherwise outlive it.
      await me(courseToken(user.id, { exp: now() + 30 * 60 + 2 })).expect(401);
      await me(courseToken(user.id, { iat: now() + 2 })).expect(401);
      const fresh = await logIn(t, user);
      await me(fresh.access_token).expect(200);
    });
  });

  describe('course-style tokens', () => {
    it('keep working without a session, as the course mints them', async () => {
      const user = await createLoggedInUser(t);
      const res = await me(courseToken(user.id)).expect(200);
      expect(res.body.id).toBe(user.id);
    });

    it('are refused with a sid that is not an integer, or whose session is not the user\'s', async () => {
      const [alice, bob] = [await createLoggedInUser(t), await createLoggedInUser(t)];
      const bobs = (jwt.decode(bob.token) as { sid: number }).sid;
      for (const sid of ['1', null, 1.5, bobs, 99_999_999_999]) {
        expect((await me(courseToken(alice.id, { sid })).expect(401)).body).toEqual(UNAUTHORIZED);
      }
    });
  });

  describe('the cost of checking a token', () => {
    it('stays one SQL statement per GET /users/me, with a session token and with a course-style token', async () => {
      const user = await createLoggedInUser(t);
      for (const token of [user.token, courseToken(user.id)]) {
        const { result, statements } = await recordStatements(() => me(token));
        expect(result.status).toBe(200);
        expect(statements).toHaveLength(1);
      }
    });
  });
});

describe('refresh rate limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ LOGIN_MAX_FAILURES_PER_CLIENT: '3', TRUST_PROXY_HOPS: '1' })));
  afterAll(() => t.close());

  const refreshFrom = (ip: string, token: string) =>
    request(t.server).post('/login').set('X-Forwarded-For', ip).type('form').send({ grant_type: 'refresh_token', refresh_token: token });

  it('refuses a client address with 429 and Retry-After after repeated failed refreshes; successes do not count', async () => {
    let user: LoggedInUser = await createLoggedInUser(t);
    let token = user.refreshToken;
    for (let i = 0; i < 5; i++) token = (await refreshFrom('198.51.100.5', token).expect(200)).body.refresh_token;
    for (let i = 0; i < 3; i++) await refreshFrom('198.51.100.6', `bad-${i}`).expect(401);
    const limited = await refreshFrom('198.51.100.6', token).expect(429);
    expect(limited.body).toEqual({ detail: 'Too many failed refresh attempts, try again later' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    user = { ...user, refreshToken: token };
    // The refused attempt did not touch the session.
    await refreshFrom('198.51.100.7', user.refreshToken).expect(200);
  });
});

// Two app instances on one database; the embedded database is one process's alone.
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('revocation across instances (PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    // Not migrating also means not emptying the tables a is using.
    b = await startTestApp({ RUN_MIGRATIONS: 'false' });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  // The token check is remembered by each instance (src/sessions/session-cache.ts): the one
  // that ends a session refuses it at once, the others when the event channel tells them.
  it('refuses on one instance, within 1 s, a token whose session ended on another; at once on that one', async () => {
    const user = await createLoggedInUser(a);
    const other = await logIn(a, user);
    await request(b.server).get('/users/me').set(user.auth).expect(200);
    await request(a.server).post('/logout').set(user.auth).expect(204);
    await request(a.server).get('/users/me').set(user.auth).expect(401);
    const ended = Date.now();
    expect((await eventually(() => request(b.server).get('/users/me').set(user.auth).expect(401), 1000)).body).toEqual(UNAUTHORIZED);
    expect(Date.now() - ended).toBeLessThan(1000);
    await refresh(b, user.refreshToken).expect(401);
    await request(a.server).get('/users/me').set(bearer(other.access_token)).expect(200);
    await request(b.server).delete('/users/me/sessions').set(bearer(other.access_token)).expect(204);
    await request(b.server).get('/users/me').set(bearer(other.access_token)).expect(401);
    await eventually(() => request(a.server).get('/users/me').set(bearer(other.access_token)).expect(401), 1000);
  });
});
