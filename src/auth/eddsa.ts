import { KeyObject, sign, verify } from 'node:crypto';
import { Strategy } from 'passport-jwt';

/**
 * EdDSA (Ed25519) tokens, in JWS compact form (RFC 8037). jsonwebtoken, which
 * @nestjs/jwt and passport-jwt are built on, has no EdDSA, so these are signed and
 * checked with node:crypto; every other algorithm stays with jsonwebtoken.
 */
export function signEdDsa(payload: object, key: KeyObject, kid: string): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const data = `${encode({ alg: 'EdDSA', typ: 'JWT', kid })}.${encode(payload)}`;
  return `${data}.${sign(null, Buffer.from(data), key).toString('base64url')}`;
}

/** The payload of a valid token, with jsonwebtoken's rules for `exp` and `nbf`; throws otherwise. */
export function verifyEdDsa(token: string, key: KeyObject, algorithms: readonly string[]): object {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('jwt malformed');
  const [header, payload] = parts.slice(0, 2).map((part) => decode(part));
  if (header.alg !== 'EdDSA' || !algorithms.includes('EdDSA')) throw new Error('invalid algorithm');
  if (!verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'))) throw new Error('invalid signature');
  const now = Math.floor(Date.now() / 1000);
  if (payload.exp !== undefined && (typeof payload.exp !== 'number' || now >= payload.exp)) throw new Error('jwt expired');
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || now < payload.nbf)) throw new Error('jwt not active');
  return payload;
}

function decode(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString());
  } catch {
    throw new Error('jwt malformed');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('jwt malformed');
  return value as Record<string, unknown>;
}

type Verifier = (token: string, key: unknown, options: { algorithms?: string[] }, done: (err: Error | null, payload?: object) => void) => void;

let installed = false;

/**
 * Routes Ed25519 keys to verifyEdDsa in passport-jwt, through the hook it has for
 * this (`Strategy.JwtVerifier`); any other key goes on to jsonwebtoken as before.
 */
export function installEdDsaVerifier(): void {
  if (installed) return;
  installed = true;
  const hook = Strategy as unknown as { JwtVerifier: Verifier };
  const jsonwebtoken = hook.JwtVerifier;
  hook.JwtVerifier = (token, key, options, done) => {
    if (!(key instanceof KeyObject && key.asymmetricKeyType === 'ed25519')) return jsonwebtoken(token, key, options, done);
    let payload: object;
    try {
      payload = verifyEdDsa(token, key, options.algorithms ?? []);
    } catch (err) {
      return done(err as Error);
    }
    done(null, payload);
  };
}
