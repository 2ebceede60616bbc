import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import jwt, { type Algorithm, type Secret } from 'jsonwebtoken';
import { KeyObject } from 'node:crypto';
import { AuthenticatedUser, TokenUsers } from '../sessions/token-users';
import { verifyEdDsa } from './eddsa';
import { TokenKeys } from './keys';

interface TokenPayload {
  user_id?: unknown;
  exp?: unknown;
  sid?: unknown;
  iat?: unknown;
}

/**
 * The token of `Authorization: Bearer <token>`, split as FastAPI splits it (at the
 * first space): whatever follows the scheme is the token, so `Bearer <token> junk`
 * is a token that fails, not a valid one with junk ignored. The guard has already
 * answered requests with another scheme. A token whose payload is not a JSON
 * object counts as none: jsonwebtoken would throw a TypeError reading its claims,
 * even when the signature is right.
 */
export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization ?? '';
  const space = header.indexOf(' ');
  if (space < 0) return null;
  const token = header.slice(space + 1);
  return hasObjectPayload(token) ? token : null;
}

function hasObjectPayload(token: string): boolean {
  const payload = token.split('.')[1];
  if (!payload) return false;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims);
  } catch {
    return false;
  }
}

/**
 * Checks a request's bearer token and finds its user: what passport-jwt did for
 * the JwtAuthGuard, without passport around it (its authenticate() made a strategy
 * object, closures and a promise per request, ~3.5% of a read's CPU in the
 * profile). The verification is the same: jsonwebtoken's verify() with the
 * algorithms pinned and the expiry checked, and Ed25519 keys, which jsonwebtoken
 * lacks, checked by verifyEdDsa with its rules.
 */
@Injectable()
export class JwtStrategy {
  private readonly algorithms: Algorithm[];

  constructor(
    private readonly users: TokenUsers,
    private readonly keys: TokenKeys,
  ) {
    // Pinning the algorithms rejects `alg: none` and any algorithm-confusion token.
    this.algorithms = keys.algorithms as Algorithm[];
  }

  /**
   * The token's user, or false for a request whose token fails (missing, malformed,
   * signed by no key of ours, expired, or naming a user or session that is gone).
   * A failure that is not about the token (the database is down) is thrown.
   */
  async authenticate(req: Request): Promise<AuthenticatedUser | false> {
    const token = bearerToken(req);
    if (!token) return false;
    // KeyObjects, not strings: given a string, jsonwebtoken first tries to parse it
    // as a PEM public key on every verify (15% of the CPU time of a read in the profile).
    const key = this.keys.verificationKey(tokenHeader(token))?.key;
    if (!key) return false;
    let payload: TokenPayload;
    try {
      payload = (isEd25519(key) ? verifyEdDsa(token, key, this.algorithms) : jwt.verify(token, key as unknown as Secret, { algorithms: this.algorithms })) as TokenPayload;
    } catch {
      return false;
    }
    return this.validate(payload);
  }

  /** Signature and expiry are already checked; the token must also name a user who still exists. */
  async validate(payload: TokenPayload): Promise<AuthenticatedUser | false> {
    const { user_id: userId, exp } = payload;
    if (typeof exp !== 'number' || typeof userId !== 'number') return false;
    return (await this.users.find({ ...payload, user_id: userId, exp })) ?? false;
  }
}

function isEd25519(key: unknown): key is KeyObject {
  return key instanceof KeyObject && key.asymmetricKeyType === 'ed25519';
}

/** The token's JOSE header, or {} if it cannot be read (verification then refuses the token). */
function tokenHeader(token: string): { kid?: unknown; alg?: unknown } {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString());
    return typeof header === 'object' && header !== null ? header : {};
  } catch {
    return {};
  }
}
