import request from 'supertest';
import { createLoggedInUser, createUser, unique, userOut } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d)$/;

describe('users', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  describe('POST /users', () => {
    it('registers a user and answers 201 UserOut without any password or hash', async () => {
      const email = `new-${unique()}@example.com`;
      const res = await request(t.server).post('/users').send({ email, password: 'password123' }).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(['created_at', 'email', 'id', 'username']);
      expect(res.body.email).toBe(email);
      expect(Number.isInteger(res.body.id)).toBe(true);
      expect(res.body.created_at).toMatch(ISO_WITH_OFFSET);
      expect(JSON.stringify(res.body)).not.toMatch(/password|\$2[aby]\$/);
    });

    it('stores the password as a bcrypt hash of the configured cost', async () => {
      const user = await createUser(t);
      const [row] = await t.db.query('SELECT password FROM users WHERE id = $1', [user.id]);
      expect(row.password).toMatch(/^\$2[aby]\$04\$/);
    });

    it('trims e-mails and stores them lower-case', async () => {
      const local = `MiXeD-${unique()}`;
      const res = await request(t.server).post('/users').send({ email: `  ${local}@Example.COM `, password: 'password123' }).expect(201);
      expect(res.body.email).toBe(`${local.toLowerCase()}@example.com`);
    });

    it('answers 409 for an e-mail already registered, in any letter case', async () => {
      const user = await createUser(t);
      const res = await request(t.server).post('/users').send({ email: user.email.toUpperCase(), password: 'password123' }).expect(409);
      expect(res.body).toEqual({ detail: `User with email: ${user.email} already exists` });
    });

    it('answers one 201 and one 409 to two registrations of one e-mail at the same instant', async () => {
      const email = `race-${unique()}@example.com`;
      const answers = await Promise.all([0, 1].map(() => request(t.server).post('/users').send({ email, password: 'password123' })));
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM users WHERE email = $1', [email]);
      expect(count).toBe(1);
    });

    it.each([
      ['no body at all', undefined, ['body'], 'missing'],
      ['no e-mail', { password: 'password123' }, ['body', 'email'], 'missing'],
      ['no password', { email: 'a@example.com' }, ['body', 'password'], 'missing'],
      ['an invalid e-mail', { email: 'not-an-email', password: 'password123' }, ['body', 'email'], 'value_error'],
      ['an e-mail that is a number', { email: 42, password: 'password123' }, ['body', 'email'], 'string_type'],
      ['an e-mail over 254 characters', { email: `${'a'.repeat(250)}@example.com`, password: 'password123' }, ['body', 'email'], 'string_too_long'],
      ['a password under 8 bytes', { email: 'a@example.com', password: 'short' }, ['body', 'password'], 'value_error'],
      ['a password over 72 bytes', { email: 'a@example.com', password: 'é'.repeat(37) }, ['body', 'password'], 'value_error'],
      ['a password that is a number', { email: 'a@example.com', password: 12345678 }, ['body', 'password'], 'string_type'],
      ['a JSON array', [{ email: 'a@example.com', password: 'password123' }], ['body'], 'model_attributes_type'],
    ])('answers 422 for %s', async (_case, body, loc, type) => {
      const req = request(t.server).post('/users');
      const res = await (body === undefined ? req : req.send(body as object)).expect(422);
      expect(res.body.detail).toEqual([expect.objectContaining({ loc, type, msg: expect.any(String) })]);
    });

    it('reports every invalid field, each with loc, msg and type', async () => {
      const res = await request(t.server).post('/users').send({}).expect(422);
      expect(res.body).toEqual({
        detail: [
          { loc: ['body', 'email'], msg: 'Field required', type: 'missing' },
          { loc: ['body', 'password'], msg: 'Field required', type: 'missing' },
        ],
      });
    });

    it('accepts a 72-byte password and an e-mail of exactly 254 characters', async () => {
      const local = `u${unique()}`;
      const label = 'a'.repeat(63);
      const domain = `${label}.${label}.${label}.${'c'.repeat(254 - local.length - 1 - 3 * 64 - 4)}.com`;
      const email = `${local}@${domain}`;
      expect(email).toHaveLength(254);
      const res = await request(t.server).post('/users').send({ email, password: 'p'.repeat(72) }).expect(201);
      expect(res.body.email).toBe(email);
    });

    it('ignores unknown fields', async () => {
      const res = await request(t.server)
        .post('/users')
        .send({ email: `extra-${unique()}@example.com`, password: 'password123', id: 999, is_admin: true })
        .expect(201);
      expect(res.body.id).not.toBe(999);
      expect(res.body).not.toHaveProperty('is_admin');
    });
  });

  describe('GET /users/{id}', () => {
    it('answers 200 UserOut without a token', async () => {
      const user = await createUser(t);
      const res = await request(t.server).get(`/users/${user.id}`).expect(200);
      expect(res.body).toEqual(userOut(user));
    });

    it.each(['999999', '99999999999', '0', '-1'])('answers 404 for id %s', async (id) => {
      const res = await request(t.server).get(`/users/${id}`).expect(404);
      expect(res.body).toEqual({ detail: `User with id: ${id} does not exist` });
    });

    it('answers 422 for an id that is not an integer', async () => {
      const res = await request(t.server).get('/users/abc').expect(422);
      expect(res.body.detail).toEqual([{ loc: ['path', 'id'], msg: expect.any(String), type: 'int_parsing' }]);
      await request(t.server).get('/users/1.5').expect(422);
    });
  });

  describe('GET /users/me', () => {
    it("answers the token's user", async () => {
      const user = await createLoggedInUser(t);
      const res = await request(t.server).get('/users/me').set(user.auth).expect(200);
      expect(res.body).toEqual(userOut(user));
    });

    it('answers 401 without a token', async () => {
      const res = await request(t.server).get('/users/me').expect(401);
      expect(res.body).toEqual({ detail: 'Not authenticated' });
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });
  });
});
