import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { BACKGROUND_TABLES } from '../src/timeline/timeline-fanout';
import { createLoggedInUser, createPost, LoggedInUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Property-based fuzzing of every operation in the OpenAPI document: each run sends
 * one request whose path and query parameters, body fields, body encoding and
 * headers are drawn from hostile values, and checks what the contract promises for
 * anything a client can send: no 5xx, an error in the contract's shape, no
 * error-level log line, and no row written by a refused request. A new route is
 * covered as soon as it is documented. FUZZ_RUNS sets the runs per operation,
 * FUZZ_SEED the seed (fixed by default, so CI runs are repeatable).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  body?: { contentTypes: string[]; fields: string[] };
}
interface FuzzRequest {
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: Buffer;
}

/** Strings no validator should let through to the database, and strings that merely look odd. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 400 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '\u2764\ufe0f'.repeat(200),
    '😀'.repeat(301),
    'x'.repeat(20001),
    '%',
    '_',
    "'; DROP TABLE users; --",
    '0x10',
    '1e1',
    '-1',
    '0',
    '2147483648',
    '99999999999999999999999',
    'NaN',
    'Infinity',
    'true',
    'null',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    'a@example.com',
    'password',
    'refresh_token',
  ),
);

const deeplyNested = fc.integer({ min: 30, max: 3000 }).map((n) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown);

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -0, 0.5, true, false, null),
  fc.double(),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileText, { maxKeys: 3 }),
  deeplyNested,
);

/** Percent-encodes the UTF-8 of a string (ill-formed UTF-16 included), or sends odd escapes as they are. */
const encodedText = fc.oneof(
  { weight: 5, arbitrary: hostileText.map((s) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')) },
  fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', '%C0%AF', '%FF%FE', '1', '7', '1.5', '%2e%2e%2f'),
);

function resolve(doc: { components: { schemas: Record<string, Schema> } }, schema: Schema | undefined): Schema | undefined {
  return schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, Schema> } }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
      const schema = content && resolve(doc, Object.values(content)[0].schema);
      return {
        method,
        path,
        parameters: (op.parameters as Operation['parameters']) ?? [],
        body: content ? { contentTypes: Object.keys(content), fields: Object.keys(schema?.properties ?? {}) } : undefined,
      };
    }),
  );
}

/** A body: the operation's fields with hostile values, in the operation's encoding or in another one. */
function bodyArbitrary(op: Operation): fc.Arbitrary<{ contentType?: string; bytes: Buffer } | undefined> {
  const fields = op.body?.fields ?? ['title', 'content'];
  const record = fc.record(
    Object.fromEntries([...fields, '__proto__', 'constructor', 'id'].map((f) => [f, hostileJson])),
    { requiredKeys: [] },
  );
  const asJson = fc.oneof(record, hostileJson).map((v) => Buffer.from(JSON.stringify(v) ?? 'null'));
  const asForm = fc
    .dictionary(fc.constantFrom(...fields, 'grant_type', 'scope', 'x'), hostileText, { maxKeys: 6 })
    .map((v) => Buffer.from(Object.entries(v).map(([k, x]) => `${k}=${[...Buffer.from(x)].map((b) => `%${b.toString(16)}`).join('')}`).join('&')));
  const odd = fc.oneof(
    fc.constantFrom('{"title": "a", "title": null, "content": "c"}', '{"title": ', '[]', '"x"', '1', '{}', '\u0000', '{"a":1}'.repeat(1000)).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    fc.constant(Buffer.alloc(120 * 1024, 'x')),
  );
  const multipart = fc.dictionary(fc.constantFrom(...fields, 'x'), hostileText, { maxKeys: 4 }).map((v) => {
    const parts = Object.entries(v).map(([k, x]) => `--b\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`);
    return Buffer.from(`${parts.join('')}--b--\r\n`);
  });
  return fc.oneof(
    fc.constant(undefined),
    fc.record({ contentType: fc.constantFrom('application/json', 'application/vnd.api+json', undefined, 'application/json; charset=utf-16', 'text/plain'), bytes: fc.oneof(asJson, odd) }),
    fc.record({ contentType: fc.constant('application/x-www-form-urlencoded'), bytes: fc.oneof(asForm, odd) }),
    fc.record({ contentType: fc.constantFrom('multipart/form-data; boundary=b', 'multipart/form-data'), bytes: fc.oneof(multipart, odd) }),
  );
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let base: string;
  let user: LoggedInUser;
  /** Someone else, whose username the path parameters may name. */
  let other: LoggedInUser;
  let operations: Operation[];
  let postId: number;

  beforeAll(async () => {
    // Limits out of the way: a 429 is a fine answer, but it would hide the validation behind it.
    const limits = { REGISTRATIONS_PER_MINUTE: '1000000', LOGIN_MAX_FAILURES: '1000000', LOGIN_MAX_FAILURES_PER_CLIENT: '1000000' };
    t = await startTestApp({ LOG_LEVEL: 'info', ...limits }, { captureLogs: true });
    // The app's own server, so that what Node's parser refuses is answered as the app answers it.
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    user = await createLoggedInUser(t);
    other = await createLoggedInUser(t);
    postId = (await createPost(t, user)).id;
    operations = operationsOf((await request(t.server).get('/openapi.json').expect(200)).body);
  });
  afterAll(() => t.close());

  /** Rows per table, but for the tables background work changes meanwhile. */
  const rowCounts = async () => {
    const tables = t.db.entityMetadatas
      .filter((m) => !BACKGROUND_TABLES.includes(m.tableName))
      .map((m) => `(SELECT count(*) FROM "${m.tableName}") AS "${m.tableName}"`);
    return JSON.stringify(await t.db.query(`SELECT ${tables.join(', ')}`));
  };

  const headersArbitrary = () =>
    fc.record(
      {
        authorization: fc.constantFrom(
          `Bearer ${user.token}`,
          `Bearer ${user.token}`,
          `Bearer ${user.token} x`,
          'Bearer',
          'Bearer x.y.z',
          'Basic dXNlcjpwYXNz',
          `bearer ${user.token}`,
          `Bearer ${user.token.split('.').slice(0, 2).join('.')}.`,
          'Bearer eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoxfQ.',
        ),
        'x-request-id': fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
        'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1'),
        'content-encoding': fc.constantFrom('identity', 'gzip', 'br', 'x-unknown'),
        accept: fc.constantFrom('application/json', 'text/html', '*/*'),
      },
      { requiredKeys: [] },
    );

  const requestArbitrary = (op: Operation): fc.Arbitrary<FuzzRequest> =>
    fc
      .record({
        pathValues: fc.tuple(
          ...op.parameters
            .filter((p) => p.in === 'path')
            .map(() => fc.oneof(encodedText, fc.constantFrom(String(postId), String(user.id), user.username, other.username, other.username.toUpperCase()))),
        ),
        query: fc.array(
          fc.tuple(fc.constantFrom(...op.parameters.filter((p) => p.in === 'query').map((p) => p.name), 'unknown', 'limit', 'skip'), encodedText),
          { maxLength: 4 },
        ),
        headers: headersArbitrary(),
        body: bodyArbitrary(op),
      })
      .map(({ pathValues, query, headers, body }) => {
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => pathValues[i++] ?? '1');
        const all: Record<string, string> = { ...headers };
        if (body?.contentType) all['content-type'] = body.contentType;
        if (!body) delete all['content-encoding'];
        return { path, query, headers: all, body: body?.bytes };
      });

  const send = async (op: Operation, req: FuzzRequest) => {
    const url = `${base}${req.path}${req.query.length ? `?${req.query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`;
    const opened = new AbortController();
    const res = await fetch(url, { method: op.method.toUpperCase(), headers: req.headers, body: req.body && op.method !== 'get' ? new Blob([req.body]) : undefined, signal: opened.signal });
    // An event stream that opened (GET /stream) stays open: its answer is its status and headers.
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      opened.abort();
      return { status: res.status, text: '', headers: res.headers };
    }
    const text = await res.text();
    return { status: res.status, text, headers: res.headers };
  };

  const isErrorShape = (body: unknown) => {
    const detail = (body as { detail?: unknown })?.detail;
    if (typeof detail === 'string') return true;
    return (
      Array.isArray(detail) &&
      detail.length > 0 &&
      detail.every(
        (i: { loc?: unknown; msg?: unknown; type?: unknown }) =>
          Array.isArray(i.loc) && ['body', 'query', 'path', 'header'].includes(i.loc[0]) && typeof i.msg === 'string' && typeof i.type === 'string',
      )
    );
  };

  it('covers every documented operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(13);
  });

  it('never answers 5xx, answers errors in the contract shape, logs no error and writes nothing when it refuses', async () => {
    let cases = 0;
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(op), async (req) => {
          cases++;
          const before = await rowCounts();
          const logged = t.logs.length;
          const res = await send(op, req);
          const where = `${op.method.toUpperCase()} ${req.path} -> ${res.status}`;
          expect([where, res.status < 500]).toEqual([where, true]);
          const errors = t.logs.slice(logged).filter((line) => line.level >= 50);
          expect([where, errors]).toEqual([where, []]);
          if (res.status >= 400) {
            expect([where, res.headers.get('content-type')]).toEqual([where, 'application/json; charset=utf-8']);
            expect([where, res.text, isErrorShape(JSON.parse(res.text))]).toEqual([where, res.text, true]);
            expect([where, await rowCounts()]).toEqual([where, before]);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    console.log(`fuzz: ${operations.length} operations, ${cases} requests (${RUNS} runs each, seed ${SEED})`);
  }, 60_000 + RUNS * 1_500);
});
