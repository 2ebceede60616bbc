import request from 'supertest';
import { createUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Issue #17, findings 6 to 10. */
// First in the file: only the first app of a file can capture its log lines (test/support/test-app.ts).
describe('production without SMTP_URL (finding 10)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ NODE_ENV: 'production', TRUST_PROXY_HOPS: '1', LOG_LEVEL: 'warn' }, { captureLogs: true })));
  afterAll(() => t.close());

  it('starts, says so in one warning line, and answers POST /password-reset with 503', async () => {
    const user = await createUser(t);
    for (const email of [user.email, 'nobody@example.com']) {
      const res = await request(t.server).post('/password-reset').send({ email }).expect(503);
      expect(res.body).toEqual({ detail: 'Password reset is not configured' });
    }
    await request(t.server).post('/password-reset/confirm').send({ token: 'x'.repeat(43), new_password: 'password456' }).expect(400);
    const warnings = t.logs.filter((line) => /SMTP_URL/.test(line.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].level).toBe(40);
    expect(t.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});
