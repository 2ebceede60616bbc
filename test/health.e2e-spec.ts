import request from 'supertest';
import { recordStatements } from './support/sql-statements';
import { startTestApp, TestApp } from './support/test-app';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('GET /health answers 200 without a token and without touching the database', async () => {
    const { result: res, statements } = await recordStatements(() => request(t.server).get('/health').expect(200));
    expect(res.body).toEqual({ status: 'ok' });
    expect(statements).toEqual([]);
  });

  it('GET /health/ready answers 200 when the database answers', async () => {
    const res = await request(t.server).get('/health/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('GET /health/ready answers 503 with the reason when the database does not', async () => {
    const query = jest.spyOn(t.db, 'query').mockRejectedValue(new Error('connection refused'));
    const res = await request(t.server).get('/health/ready').expect(503);
    expect(res.body.detail).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    await request(t.server).get('/health').expect(200);
    query.mockRestore();
    await request(t.server).get('/health/ready').expect(200);
  });
});
