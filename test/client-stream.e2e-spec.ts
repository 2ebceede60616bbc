import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApiClient, memoryTokenStore, sseParser, type StreamEnd, type StreamEvents, type StreamOptions } from '../client/src/index';
import { createLoggedInUser, createPost, follow, LoggedInUser } from './support/factories';
import { startTestApp, TEST_SECRET, TestApp } from './support/test-app';

type Received = { [K in keyof StreamEvents]?: { data: StreamEvents[K]; id?: string }[] };

/** Resolves when `check` holds, polling every 20 ms. */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The client's stream() helper against the real app, over a real socket with Node's fetch. */
describe('typed client: stream()', () => {
  let t: TestApp;
  let base: string;
  let author: LoggedInUser;
  /** Every GET /stream answer the server is writing, to drop it from the server's side. */
  let streamResponses: ServerResponse[];
  /** What the client sent: "METHOD /path [Last-Event-ID]". */
  let sent: string[];
  const recordingFetch: typeof fetch = (input, init) => {
    const req = new Request(input, init);
    const last = req.headers.get('Last-Event-ID');
    sent.push(`${req.method} ${new URL(req.url).pathname}${last ? ` ${last}` : ''}`);
    return fetch(req);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
    t.server.on('request', (req: { url?: string }, res: ServerResponse) => req.url?.startsWith('/stream') && streamResponses.push(res));
    author = await createLoggedInUser(t);
  });
  beforeEach(() => ((streamResponses = []), (sent = [])));
  afterAll(() => t.close());

  /** A new user following `author`, logged in through a client, and their stream, recording everything. */
  async function reader(options: Partial<StreamOptions> = {}) {
    const user = await createLoggedInUser(t);
    await follow(t, user, author).expect(200);
    const tokens = memoryTokenStore();
    const client = createApiClient({ baseUrl: base, tokens, fetch: recordingFetch });
    const pair = await client.login(user.email, user.password);
    const received: Received = {};
    const record =
      <K extends keyof StreamEvents>(name: K) =>
      (data: StreamEvents[K], id?: string) =>
        void ((received[name] ??= [] as never) as { data: StreamEvents[K]; id?: string }[]).push({ data, id });
    const opens: boolean[] = [];
    const errors: number[] = [];
    let ended: StreamEnd | undefined;
    const stream = client.stream({
      retryMs: 200,
      on: {
        timeline: record('timeline'),
        'post.updated': record('post.updated'),
        votes: record('votes'),
        notification: record('notification'),
        unread: record('unread'),
        'session.ended': record('session.ended'),
      },
      onOpen: ({ resumed }) => opens.push(resumed),
      onError: (_error, delay) => errors.push(delay),
      onEnd: (end) => (ended = end),
      ...options,
    });
    await until(() => opens.length === 1, 'the stream to open');
    return { user, tokens, client, pair, stream, received, opens, errors, ended: () => ended };
  }

  it('receives a timeline event, typed, with its id', async () => {
    const r = await reader();
    try {
      const post = await createPost(t, author, { title: 'live via client' });
      await until(() => (r.received.timeline?.length ?? 0) === 1, 'a timeline event');
      const [event] = r.received.timeline!;
      expect(event.data.Post).toMatchObject({ id: post.id, title: 'live via client' });
      expect(event.data.votes).toBe(0);
      expect(event.id).toMatch(/^\d+\.\d+$/);
      expect(r.stream.lastEventId).toBe(event.id);
      expect(sent).toEqual(['POST /login', 'GET /stream']);
    } finally {
      r.stream.close();
    }
    expect(await r.stream.done).toEqual({ reason: 'closed' });
  });

  it('after the server drops it, reconnects with Last-Event-ID and loses no post', async () => {
    const r = await reader();
    try {
      const seen = await createPost(t, author, { title: 'before the drop' });
      await until(() => r.received.timeline?.length === 1, 'the first post');
      const lastId = r.stream.lastEventId!;
      expect(streamResponses).toHaveLength(1);
      streamResponses[0].destroy();
      await until(() => r.errors.length === 1, 'the drop to be noticed');
      // Written while the client waits to reconnect: only Last-Event-ID can bring it.
      const missed = await createPost(t, author, { title: 'during the drop' });
      await until(() => r.received.timeline?.length === 2, 'the missed post');
      expect(r.received.timeline!.map((e) => e.data.Post.id)).toEqual([seen.id, missed.id]);
      expect(r.opens).toEqual([false, true]);
      expect(sent.filter((s) => s.startsWith('GET /stream'))).toEqual(['GET /stream', `GET /stream ${lastId}`]);
      // Live events follow on the new connection, once.
      const live = await createPost(t, author, { title: 'after the drop' });
      await until(() => r.received.timeline?.length === 3, 'a live post');
      expect(r.received.timeline!.map((e) => e.data.Post.id)).toEqual([seen.id, missed.id, live.id]);
      // A reconnect for a new watch list is not a resume: nothing was lost.
      r.stream.watch([live.id]);
      await until(() => r.opens.length === 3, 'the stream to open for the new watch list');
      expect(r.opens).toEqual([false, true, false]);
    } finally {
      r.stream.close();
    }
  });

  it('on a 401 (an expired access token) refreshes through the client, then reconnects', async () => {
    const r = await reader();
    try {
      const [header, payload] = [jwt.decode(r.pair.access_token, { complete: true })!.header, jwt.decode(r.pair.access_token) as jwt.JwtPayload];
      const expired = jwt.sign({ ...payload, exp: Math.floor(Date.now() / 1000) - 10 }, TEST_SECRET, { algorithm: 'HS256', keyid: header.kid });
      r.tokens.save({ ...r.pair, access_token: expired, refresh_token: r.tokens.refreshToken()! });
      await request(t.server).get('/stream').set('Authorization', `Bearer ${expired}`).expect(401);
      sent = [];
      streamResponses[0].destroy();
      await until(() => r.opens.length === 2, 'the stream to open again');
      expect(sent).toEqual([`GET /stream`, 'POST /login', 'GET /stream']);
      expect(r.tokens.accessToken()).not.toBe(expired);
      const post = await createPost(t, author, { title: 'after the refresh' });
      await until(() => r.received.timeline?.some((e) => e.data.Post.id === post.id) ?? false, 'a post on the refreshed stream');
      expect(r.ended()).toBeUndefined();
    } finally {
      r.stream.close();
    }
  });

  it('stops for good on session.ended and tells the caller; no reconnect', async () => {
    const r = await reader();
    await request(t.server).post('/logout').set('Authorization', `Bearer ${r.tokens.accessToken()}`).expect(204);
    expect(await r.stream.done).toEqual({ reason: 'session.ended' });
    expect(r.ended()).toEqual({ reason: 'session.ended' });
    expect(r.received['session.ended']).toEqual([{ data: {}, id: undefined }]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sent.filter((s) => s.startsWith('GET /stream'))).toHaveLength(1);
  });

  it('a refused refresh token ends the stream as unauthorized', async () => {
    const r = await reader();
    const ended = jest.fn();
    // The session ends while the stream is down: its reconnect is refused and so is the refresh.
    await request(t.server).delete('/users/me/sessions').set('Authorization', `Bearer ${r.tokens.accessToken()}`).expect(204);
    expect(await r.stream.done).toEqual({ reason: 'session.ended' });
    const again = r.client.stream({ on: {}, onEnd: ended, retryMs: 50 });
    expect(await again.done).toEqual({ reason: 'unauthorized', status: 401 });
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('watch(): reconnects with the new ?watch= and gets the votes of the watched post', async () => {
    const [first, second] = [await createPost(t, author), await createPost(t, author)];
    const r = await reader({ watch: [first.id] });
    try {
      await request(t.server).put(`/posts/${first.id}/vote`).set(author.auth).expect(200);
      await until(() => r.received.votes?.length === 1, 'votes of the first post');
      r.stream.watch([second.id]);
      await until(() => r.opens.length === 2, 'the stream to open again');
      expect(r.opens).toEqual([false, false]);
      await request(t.server).put(`/posts/${second.id}/vote`).set(author.auth).expect(200);
      await until(() => r.received.votes?.length === 2, 'votes of the second post');
      expect(r.received.votes!.map((e) => e.data)).toEqual([
        { post_id: first.id, votes: 1 },
        { post_id: second.id, votes: 1 },
      ]);
      expect(streamResponses.map((res) => (res.req as { url: string }).url)).toEqual([`/stream?watch=${first.id}`, `/stream?watch=${second.id}`]);
    } finally {
      r.stream.close();
    }
  });

  it('close() through an AbortSignal', async () => {
    const controller = new AbortController();
    const r = await reader({ signal: controller.signal });
    controller.abort();
    expect(await r.stream.done).toEqual({ reason: 'closed' });
    await until(() => streamResponses[0].closed || streamResponses[0].destroyed, 'the server to see the close');
  });

  it('waits as the server says: a 503\'s Retry-After, then retry: after a close', async () => {
    // A stand-in for the API, to control what it answers and measure the waits.
    const seen: { at: number; lastEventId?: string }[] = [];
    const fake = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen.push({ at: Date.now(), lastEventId: req.headers['last-event-id'] as string | undefined });
      if (seen.length === 1) return void res.writeHead(503, { 'Retry-After': '1', 'Content-Type': 'application/json' }).end('{"detail":"Too many open streams"}');
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (seen.length === 2) return void res.end(`retry: 400\n\nid: 7.3\nevent: unread\ndata: {"count":2}\n\n`);
      res.write(': connected\n\n');
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const tokens = memoryTokenStore();
    tokens.save({ access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 900 });
    const client = createApiClient({ baseUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, tokens });
    const unread: number[] = [];
    const stream = client.stream({ retryMs: 20, on: { unread: ({ count }) => void unread.push(count) } });
    try {
      await until(() => seen.length === 3, 'three connections', 5000);
      expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(1000);
      expect(seen[2].at - seen[1].at).toBeGreaterThanOrEqual(400);
      expect(seen.map((s) => s.lastEventId)).toEqual([undefined, undefined, '7.3']);
      expect(unread).toEqual([2]);
    } finally {
      stream.close();
      fake.closeAllConnections();
      await new Promise((resolve) => fake.close(resolve));
    }
  });

  it('parses SSE as the standard says: CRLF, split chunks, multi-line data, comments, retry', () => {
    const retries: number[] = [];
    const parse = sseParser((ms) => retries.push(ms));
    expect(parse('\uFEFF: hi\r\nretry: 1500\r\nid: 1.2\r\nevent: a\r\ndata: x\r')).toEqual([]);
    expect(parse('\ndata: y\r\n\r\nevent: b\ndat')).toEqual([{ event: 'a', data: 'x\ny', id: '1.2' }]);
    expect(parse('a: {}\n\n')).toEqual([{ event: 'b', data: '{}' }]);
    expect(parse('event: c\n\ndata\n\n')).toEqual([{ event: 'message', data: '' }]);
    expect(retries).toEqual([1500]);
  });
});
