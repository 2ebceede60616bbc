import { createLocalJWKSet, calculateJwkThumbprint, decodeProtectedHeader, JWK, jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import request from 'supertest';
import { signEdDsa } from '../src/auth/eddsa';
import { bearer, createUser, logIn, refresh } from './support/factories';
import { freshDataDir, removeDir } from './support/server-process';
import { startTestApp, TEST_SECRET, TestApp } from './support/test-app';

type Kind = 'RS256' | 'ES256' | 'EdDSA';

const keyPair = (kind: Kind) =>
  kind === 'RS256'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : kind === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('ed25519');
const privatePem = (key: KeyObject) => key.export({ format: 'pem', type: 'pkcs8' }).toString();
const publicPem = (key: KeyObject) => key.export({ format: 'pem', type: 'spki' }).toString();
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with `key` (jsonwebtoken, or by hand for EdDSA, which it lacks). */
const signWith = (kind: Kind, key: KeyObject, kid: string, payload: object) =>
  kind === 'EdDSA' ? signEdDsa(payload, key, kid) : jwt.sign(payload, key, { algorithm: kind, keyid: kid });

const jwksOf = async (t: TestApp): Promise<{ keys: JWK[] }> => (await request(t.server).get('/.well-known/jwks.json').expect(200)).body;

describe('GET /.well-known/jwks.json with HS256', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('is public and empty: a shared secret is never published', async () => {
    const res = await request(t.server).get('/.well-known/jwks.json').expect(200);
    expect(res.body).toEqual({ keys: [] });
    await request(t.server).get('/.well-known/jwks.json/').expect(200);
  });

  it('still puts a kid in every token, and refuses a token of an unknown kid', async () => {
    const user = await createUser(t);
    const { access_token: token } = await logIn(t, user);
    const { kid } = decodeProtectedHeader(token);
    expect(kid).toEqual(expect.any(String));
    expect(JSON.stringify(kid)).not.toContain(TEST_SECRET);
    const claims = jwt.decode(token) as object;
    const otherKid = jwt.sign(claims, TEST_SECRET, { algorithm: 'HS256', keyid: 'someone-else', noTimestamp: true });
    await request(t.server).get('/users/me').set(bearer(otherKid)).expect(401);
    const sameKid = jwt.sign(claims, TEST_SECRET, { algorithm: 'HS256', keyid: kid, noTimestamp: true });
    await request(t.server).get('/users/me').set(bearer(sameKid)).expect(200);
  });
});

describe.each<Kind>(['RS256', 'ES256', 'EdDSA'])('ALGORITHM=%s', (kind) => {
  const pair = keyPair(kind);
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ ALGORITHM: kind, JWT_PRIVATE_KEY: privatePem(pair.privateKey) })));
  afterAll(() => t.close());

  it('publishes the public key, and only it, with its RFC 7638 thumbprint as kid', async () => {
    const { keys } = await jwksOf(t);
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ alg: kind, use: 'sig', kid: await calculateJwkThumbprint(key) });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
    expect(key.x ?? key.n).toBe(pair.publicKey.export({ format: 'jwk' }).x ?? pair.publicKey.export({ format: 'jwk' }).n);
  });

  it('signs tokens that another service verifies with nothing but the JWKS document (jose)', async () => {
    const user = await createUser(t);
    const { access_token: token, refresh_token: refreshToken } = await logIn(t, user);
    const keySet = createLocalJWKSet(await jwksOf(t));
    const { payload, protectedHeader } = await jwtVerify(token, keySet, { algorithms: [kind] });
    expect(protectedHeader).toMatchObject({ alg: kind, kid: (await jwksOf(t)).keys[0].kid });
    expect(payload).toEqual({ user_id: user.id, sid: expect.any(Number), iat: expect.any(Number), exp: expect.any(Number) });
    await request(t.server).get('/users/me').set(bearer(token)).expect(200);
    const refreshed = await refresh(t, refreshToken).expect(200);
    await jwtVerify(refreshed.body.access_token, keySet, { algorithms: [kind] });
  });

  it('refuses course-style HS256 tokens, tokens of another key, expired and tampered tokens', async () => {
    const user = await createUser(t);
    const { access_token: token } = await logIn(t, user);
    const { kid } = decodeProtectedHeader(token);
    const claims = { ...(jwt.decode(token) as object) };
    const stranger = keyPair(kind).privateKey;
    const [head, , signature] = token.split('.');
    const cases: Record<string, string> = {
      'course-style HS256': jwt.sign({ user_id: user.id, exp: now() + 60 }, TEST_SECRET, { algorithm: 'HS256' }),
      'HS256 with the public key as secret': jwt.sign(claims, publicPem(pair.publicKey), { algorithm: 'HS256', keyid: kid }),
      'another key, same kid': signWith(kind, stranger, kid!, claims),
      expired: signWith(kind, pair.privateKey, kid!, { ...claims, exp: now() - 1 }),
      tampered: `${head}.${Buffer.from(JSON.stringify({ ...claims, user_id: user.id + 1 })).toString('base64url')}.${signature}`,
      'no signature': `${head}.${token.split('.')[1]}.`,
    };
    for (const [name, bad] of Object.entries(cases)) {
      const res = await request(t.server).get('/users/me').set(bearer(bad));
      expect([name, res.status, res.body]).toEqual([name, 401, { detail: 'Could not validate credentials' }]);
    }
    await request(t.server).get('/users/me').set(bearer(signWith(kind, pair.privateKey, kid!, claims))).expect(200);
  });
});

describe('key rotation', () => {
  const oldPair = keyPair('ES256');
  const newPair = keyPair('RS256');
  const dataDir = freshDataDir();
  const apps: TestApp[] = [];
  // One database for the apps one after another (the embedded one in dataDir, or TEST_DATABASE_URL).
  const start = async (env: Record<string, string>, first = false) => {
    const t = await startTestApp({ DATA_DIR: dataDir, ...(first ? {} : { RUN_MIGRATIONS: 'false' }), ...env });
    apps.push(t);
    return t;
  };
  afterAll(async () => {
    for (const t of apps) await t.close().catch(() => undefined);
    removeDir(dataDir);
  });

  it('keeps accepting tokens of the old key (in JWT_PREVIOUS_PUBLIC_KEYS) until they expire, and signs new ones with the new key', async () => {
    const before = await start({ ALGORITHM: 'ES256', JWT_PRIVATE_KEY: privatePem(oldPair.privateKey) }, true);
    const user = await createUser(before);
    const old = await logIn(before, user);
    const oldKid = decodeProtectedHeader(old.access_token).kid!;
    await before.close();

    const after = await start({
      ALGORITHM: 'RS256',
      JWT_PRIVATE_KEY: privatePem(newPair.privateKey),
      JWT_PREVIOUS_PUBLIC_KEYS: `${publicPem(keyPair('EdDSA').publicKey)}${publicPem(oldPair.publicKey)}`,
    });
    const jwks = await jwksOf(after);
    expect(jwks.keys.map((k) => k.alg)).toEqual(['RS256', 'EdDSA', 'ES256']);
    expect(jwks.keys[2].kid).toBe(oldKid);
    await request(after.server).get('/users/me').set(bearer(old.access_token)).expect(200);

    const rotated = (await refresh(after, old.refresh_token).expect(200)).body;
    expect(decodeProtectedHeader(rotated.access_token)).toMatchObject({ alg: 'RS256', kid: jwks.keys[0].kid });
    await request(after.server).get('/users/me').set(bearer(rotated.access_token)).expect(200);
    const keySet = createLocalJWKSet(jwks);
    await jwtVerify(old.access_token, keySet);
    await jwtVerify(rotated.access_token, keySet);

    // Once expired, an old-key token is refused like any other.
    const claims = jwt.decode(rotated.access_token) as object;
    const expired = jwt.sign({ ...claims, exp: now() - 1 }, oldPair.privateKey, { algorithm: 'ES256', keyid: oldKid });
    await request(after.server).get('/users/me').set(bearer(expired)).expect(401);
    const live = jwt.sign({ ...claims, exp: now() + 60 }, oldPair.privateKey, { algorithm: 'ES256', keyid: oldKid });
    await request(after.server).get('/users/me').set(bearer(live)).expect(200);
    await after.close();

    // With the old key dropped from JWT_PREVIOUS_PUBLIC_KEYS, its tokens are refused at once.
    const later = await start({ ALGORITHM: 'RS256', JWT_PRIVATE_KEY: privatePem(newPair.privateKey) });
    await request(later.server).get('/users/me').set(bearer(live)).expect(401);
    await request(later.server).get('/users/me').set(bearer(rotated.access_token)).expect(200);
    expect((await jwksOf(later)).keys).toHaveLength(1);
  });
});
