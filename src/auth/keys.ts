import { Injectable } from '@nestjs/common';
import { createHash, createHmac, createPublicKey, createSecretKey, JsonWebKey, KeyObject } from 'node:crypto';
import { fitsAlgorithm, JWT_ALGORITHMS, JwtAlgorithm } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';

export interface VerificationKey {
  algorithm: JwtAlgorithm;
  key: KeyObject;
}

/** A public key as RFC 7517 publishes it, with the `kid` our tokens carry. */
export type PublicJwk = JsonWebKey & { kid: string; alg: JwtAlgorithm; use: 'sig' };

/**
 * The keys tokens are signed and verified with: SECRET_KEY for HS256, else the
 * private key of JWT_PRIVATE_KEY, plus the public keys of JWT_PREVIOUS_PUBLIC_KEYS
 * so that tokens signed before a key rotation keep verifying until they expire.
 * Every key has a `kid`: the RFC 7638 thumbprint of a public key.
 */
@Injectable()
export class TokenKeys {
  readonly algorithm: JwtAlgorithm;
  readonly signingKey: KeyObject;
  readonly signingKid: string;
  /** Every algorithm a token may be signed with (the current one and those of previous keys). */
  readonly algorithms: JwtAlgorithm[];
  readonly jwks: { keys: PublicJwk[] };
  private readonly byKid = new Map<string, VerificationKey>();
  private readonly currentKey: VerificationKey;

  constructor(@InjectConfig() config: AppConfig) {
    this.algorithm = config.algorithm;
    const previous = config.jwtPreviousPublicKeys.map((key) => ({ key, jwk: publicJwk(key) }));
    if (config.algorithm === 'HS256') {
      this.signingKey = createSecretKey(Buffer.from(config.secretKey));
      // Not a thumbprint: for a shared secret that would publish a hash of the secret.
      // An HMAC of a constant tells no more than any token's signature does.
      this.signingKid = createHmac('sha256', this.signingKey).update('kid').digest('base64url').slice(0, 16);
      this.currentKey = { algorithm: 'HS256', key: this.signingKey };
      this.jwks = { keys: [] };
    } else {
      this.signingKey = config.jwtPrivateKey!;
      const publicKey = createPublicKey(this.signingKey);
      const jwk = publicJwk(publicKey);
      this.signingKid = jwk.kid;
      this.currentKey = { algorithm: config.algorithm, key: publicKey };
      this.jwks = { keys: [jwk, ...previous.map((p) => p.jwk)] };
    }
    this.byKid.set(this.signingKid, this.currentKey);
    for (const { key, jwk } of previous) this.byKid.set(jwk.kid, { algorithm: jwk.alg, key });
    this.algorithms = [...new Set([...this.byKid.values()].map((k) => k.algorithm))];
  }

  /**
   * The key for a token, chosen by the `kid` of its header. A token without `kid` (minted
   * the course's way) is checked against the current key. undefined: no key can verify it.
   */
  verificationKey(header: { kid?: unknown; alg?: unknown }): VerificationKey | undefined {
    const entry = header.kid === undefined ? this.currentKey : this.byKid.get(String(header.kid));
    // jsonwebtoken also checks the algorithm against the list and the key's type; this pins it per key.
    return entry && entry.algorithm === header.alg ? entry : undefined;
  }
}

/** The public JWK of `key` with its RFC 7638 thumbprint as `kid`. */
export function publicJwk(key: KeyObject): PublicJwk {
  const jwk = key.export({ format: 'jwk' });
  const algorithm = JWT_ALGORITHMS.find((alg) => alg !== 'HS256' && fitsAlgorithm(key, alg))!;
  // The thumbprint hashes the required members only, in lexicographic order (RFC 7638 §3.2).
  const required =
    jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  const kid = createHash('sha256').update(JSON.stringify(required)).digest('base64url');
  return { ...required, kid, alg: algorithm, use: 'sig' };
}
