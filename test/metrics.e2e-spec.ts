import { spawnSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Metrics } from '../src/metrics/metrics';
import { MetricsServer } from '../src/metrics/metrics-server';
import { createLoggedInUser, createUser, eventually, unique } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** One sample of the Prometheus text format: `name{label="value",...} number`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample named `name` whose labels include `labels`. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

describe('GET /metrics on METRICS_PORT', () => {
  let t: TestApp;
  let metricsUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_PORT: '0', TRUST_PROXY_HOPS: '1', LOGIN_MAX_FAILURES: '2' });
    metricsUrl = `http://127.0.0.1:${t.app.get(MetricsServer).port}/metrics`;
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const login = (username: string, password: string) =>
    request(t.server).post('/login').set('X-Forwarded-For', '198.51.100.3').type('form').send({ username, password });

  it('serves after traffic: request durations by route template, logins by outcome, refusals by limit, pool, event loop', async () => {
    const user = await createLoggedInUser(t);
    await login(user.email, user.password).expect(200);
    await login(user.email, 'wrong-1').expect(403);
    await login(user.email, 'wrong-2').expect(403);
    await login(user.email, 'wrong-3').expect(429);
    await request(t.server).get('/posts/123456').set(user.auth).expect(404);
    await request(t.server).get('/posts/987654/').set(user.auth).expect(404);
    await request(t.server).get('/posts').set(user.auth).expect(200);
    await request(t.server).get(`/no-such-${unique()}`).expect(404);
    // Served ahead of the router (src/stream/stream-route.ts), labelled as the router would.
    await request(t.server).get('/stream?ticket=expired').expect(401);

    const samples = parseSamples(await scrape());
    const requests = (route: string, method: string, status: string) =>
      valueOf(samples, 'http_request_duration_seconds_count', { route, method, status });
    expect(requests('/posts/{id}', 'GET', '404')).toBe(2);
    expect(requests('/posts', 'GET', '200')).toBe(1);
    expect(requests('/login', 'POST', '200')).toBe(2);
    expect(requests('/login', 'POST', '403')).toBe(2);
    expect(requests('/login', 'POST', '429')).toBe(1);
    expect(requests('/users', 'POST', '201')).toBe(1);
    expect(requests('/stream', 'GET', '401')).toBe(1);
    // No route: one label value for them all, never the path (the series would grow without end).
    expect(requests('none', 'GET', '404')).toBe(1);
    expect(samples.some((s) => s.labels.route?.includes('no-such'))).toBe(false);
    expect(valueOf(samples, 'http_request_duration_seconds_bucket', { route: '/posts', method: 'GET', status: '200', le: '+Inf' })).toBe(1);

    expect(valueOf(samples, 'social_api_logins_total', { outcome: 'success' })).toBe(2);
    expect(valueOf(samples, 'social_api_logins_total', { outcome: 'failure' })).toBe(2);
    expect(valueOf(samples, 'social_api_logins_total', { outcome: 'rate_limited' })).toBe(1);
    expect(valueOf(samples, 'social_api_rate_limit_refusals_total', { limit: 'login_failures_per_account_and_client' })).toBe(1);

    expect(valueOf(samples, 'http_requests_in_flight')).toBe(0);
    // The pool goes back to idle; a scrape may fall on the timeline worker's poll (every 200 ms), so it is asked again.
    await eventually(async () => {
      const now = parseSamples(await scrape());
      expect(valueOf(now, 'social_api_db_pool_in_use', { pool: 'primary' })).toBe(0);
      expect(valueOf(now, 'social_api_db_pool_waiting', { pool: 'primary' })).toBe(0);
    }, 3000);
    expect(valueOf(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'social_api_password_hash_queue')).toBe(0);
  });

  it('counts a request in flight while it is', async () => {
    const user = await createLoggedInUser(t);
    const server = createServer(t.app.getHttpAdapter().getInstance());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    // A body sent in part: the request stays in flight until the rest comes.
    const pending = httpRequest({ port, method: 'POST', path: '/posts', headers: { ...user.auth, 'Content-Type': 'application/json', 'Content-Length': '100' } });
    const answered = new Promise<number>((done) => pending.on('response', (res) => (res.resume(), done(res.statusCode!))));
    pending.write('{"title": ');
    await new Promise((r) => setTimeout(r, 100));
    expect(valueOf(parseSamples(await scrape()), 'http_requests_in_flight')).toBe(1);
    const rest = '"t", "content": "c"}';
    pending.end(rest + ' '.repeat(100 - '{"title": '.length - rest.length));
    expect(await answered).toBe(201);
    server.close();
    expect(valueOf(parseSamples(await scrape()), 'http_requests_in_flight')).toBe(0);
  });

  it('counts refusals of every limit by its name, a password reset dropped past its limit too', async () => {
    for (let i = 0; i < 4; i++) await request(t.server).post('/password-reset').set('X-Forwarded-For', '203.0.113.77').send({ email: 'someone@example.com' }).expect(202);
    const samples = parseSamples(await scrape());
    expect(valueOf(samples, 'social_api_rate_limit_refusals_total', { limit: 'password_resets_per_address' })).toBe(1);
  });

  it('takes metrics others add through the Metrics service', async () => {
    const metrics = t.app.get(Metrics);
    const events = metrics.counter({ name: 'social_api_test_events_sent_total', help: 'Events sent (a test)', labelNames: ['kind'] });
    events.inc({ kind: 'timeline' }, 3);
    const open = metrics.gauge({ name: 'social_api_test_open_streams', help: 'Open streams (a test)' });
    open.set(7);
    const samples = parseSamples(await scrape());
    expect(valueOf(samples, 'social_api_test_events_sent_total', { kind: 'timeline' })).toBe(3);
    expect(valueOf(samples, 'social_api_test_open_streams')).toBe(7);
  });

  it('passes promtool check metrics', async () => {
    await createUser(t);
    const text = await scrape();
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (check.error) throw new Error(`promtool is needed (Debian: apt-get install prometheus): ${check.error.message}`);
    expect({ status: check.status, out: check.stdout + check.stderr }).toEqual({ status: 0, out: '' });
  });

  it('is not served on the API port', async () => {
    const res = await request(t.server).get('/metrics').expect(404);
    expect(res.body).toEqual({ detail: 'Not Found' });
  });

  it('answers 404 to other paths and 405 to other methods', async () => {
    const base = metricsUrl.replace(/\/metrics$/, '');
    expect((await fetch(`${base}/`)).status).toBe(404);
    const post = await fetch(metricsUrl, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});

describe('without METRICS_PORT', () => {
  it('listens on no metrics port', async () => {
    const t = await startTestApp();
    try {
      expect(t.app.get(MetricsServer).port).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
