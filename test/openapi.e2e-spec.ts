import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { routesOf } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>>; security?: unknown[]; servers?: unknown[] };

/** Problems Redocly's `recommended` ruleset finds in the document: one line each. */
function redoclyProblems(doc: unknown): string[] {
  try {
    execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'lint-openapi.mjs')], { input: JSON.stringify(doc), encoding: 'utf8' });
    return [];
  } catch (err) {
    const { status, stdout } = err as { status: number; stdout: string };
    if (status !== 1) throw err;
    return stdout.trim().split('\n');
  }
}

const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method} ${path}`, op })));

/** The document as generated clients (openapi-typescript, orval, hey-api) read it. */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.server).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  it("passes Redocly's recommended ruleset with no error and no warning", () => {
    expect(redoclyProblems(doc)).toEqual([]);
  });

  it('fails that ruleset when a rule is broken (the check can fail)', () => {
    const broken = structuredClone(doc);
    delete broken.security;
    broken.servers = [];
    const problems = redoclyProblems(broken);
    expect(problems.some((p) => p.includes('no-empty-servers'))).toBe(true);
    expect(problems.some((p) => p.includes('security-defined'))).toBe(true);
  });

  it('names every operation with a unique camelCase operationId a generator can use as a method name', () => {
    const ids = operationsOf(doc).map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][a-zA-Z]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['listPosts', 'getPost', 'createPost', 'login', 'vote']));
  });

  it('says which routes need the token: security [] exactly on the routes the guard opens', () => {
    const opened = routesOf(t.app).filter((r) => r.public).map((r) => `${r.method} ${r.path}`).sort();
    const documentedOpen = operationsOf(doc).filter(({ op }) => Array.isArray(op.security) && op.security.length === 0).map(({ key }) => key).sort();
    expect(opened.length).toBeGreaterThan(0);
    expect(documentedOpen).toEqual(opened);
    expect(doc.security).toEqual([{ oauth2: [] }]);
    for (const { op } of operationsOf(doc).filter(({ key }) => !opened.includes(key))) {
      expect(op.security).toBeUndefined();
      expect(op.responses['401'].headers).toHaveProperty('WWW-Authenticate');
      expect(op.responses).toHaveProperty('503');
    }
  });

  it('declares on every route the answers any route can give, with their headers', () => {
    for (const { op } of operationsOf(doc)) {
      expect(op.responses).toHaveProperty('500');
      expect(op.responses['405'].headers).toHaveProperty('Allow');
      if (op.responses['429']) expect(op.responses['429'].headers).toHaveProperty('Retry-After');
    }
  });

  it('types every number as an integer (the API has no other numbers) and asks for no header a client must invent', () => {
    const numbers: string[] = [];
    JSON.stringify(doc, (key, value) => {
      if (value?.type === 'number') numbers.push(key);
      return value;
    });
    expect(numbers).toEqual([]);
    const headerParams = operationsOf(doc).flatMap(({ key, op }) =>
      ((op as { parameters?: { in: string; name: string }[] }).parameters ?? []).filter((p) => p.in === 'header').map((p) => `${key} ${p.name}`),
    );
    expect(headerParams).toEqual([]);
  });

  it('puts no default on a request body property (generators would make the client send it)', () => {
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties?: Record<string, { default?: unknown }> }> } }).components.schemas;
    const bodies = operationsOf(doc).flatMap(({ op }) =>
      Object.values((op as { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }).requestBody?.content ?? {}).map((c) => c.schema.$ref),
    );
    expect(bodies.length).toBeGreaterThan(0);
    const defaults = bodies.flatMap((ref) => {
      const name = ref!.split('/').pop()!;
      return Object.entries(schemas[name].properties ?? {}).filter(([, p]) => 'default' in p).map(([field]) => `${name}.${field}`);
    });
    expect(defaults).toEqual([]);
  });

  it('has a server to call', () => {
    expect(doc.servers).toEqual([{ url: '/', description: 'This server' }]);
  });
});
