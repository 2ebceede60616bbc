import request from 'supertest';
import { createLoggedInUser, LoggedInUser } from './support/factories';
import { failNextPrimaryStatement } from './support/sql-statements';
import { startTestApp, TestApp } from './support/test-app';

describe('the log', () => {
  let t: TestApp;
  let alice: LoggedInUser;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' }, { captureLogs: true });
    alice = await createLoggedInUser(t);
  });
  afterAll(() => t.close());

  const errorLines = () => t.logs.filter((line) => line.level >= 50);

  it('has no error-level line for requests the client got a 4xx for', async () => {
    const answers = await Promise.all([
      request(t.server).post('/posts').set(alice.auth).send({ title: 'a\u0000', content: 'c' }),
      request(t.server).post('/posts').set(alice.auth).set('Content-Type', 'application/json').send(`{"x": ${'['.repeat(3000)}${']'.repeat(3000)}}`),
      request(t.server).get('/posts/abc').set(alice.auth),
      request(t.server).get('/posts/99999999999').set(alice.auth),
      request(t.server).get('/users/me').set('Authorization', `Bearer ${alice.token} x`),
      request(t.server).post('/login').type('form').send({ username: 'a@example.com', password: 'x'.repeat(100) }),
      request(t.server).post('/users').send({ email: 'x\ud800@example.com', password: 'password123' }),
    ]);
    expect(answers.map((r) => r.status >= 400 && r.status < 500)).toEqual(answers.map(() => true));
    expect(t.logs.filter((line) => line.level === 40).length).toBeGreaterThanOrEqual(answers.length);
    expect(errorLines()).toEqual([]);
  });

  it('does have one for a failure that is not the client’s (so the check above can fail)', async () => {
    const query = failNextPrimaryStatement(t.db, new Error('boom'));
    await request(t.server).get('/posts/1').set(alice.auth).expect(500);
    query.mockRestore();
    expect(errorLines().length).toBeGreaterThan(0);
  });
});
