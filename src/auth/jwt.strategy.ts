import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { Algorithm } from 'jsonwebtoken';
import { Strategy } from 'passport-jwt';
import { AuthenticatedUser, TokenUsers } from '../sessions/token-users';
import { installEdDsaVerifier } from './eddsa';
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

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly users: TokenUsers,
    keys: TokenKeys,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // KeyObjects, not strings: given a string, jsonwebtoken first tries to parse it
      // as a PEM public key on every verify (15% of the CPU time of a read in the profile).
      secretOrKeyProvider: (_req: unknown, token: string, done: (err: Error | null, key?: string) => void) => {
        const key = keys.verificationKey(tokenHeader(token));
        done(key ? null : new Error('no key for this token'), key?.key as unknown as string);
      },
      // Pinning the algorithms rejects `alg: none` and any algorithm-confusion token.
      algorithms: keys.algorithms as Algorithm[],
      ignoreExpiration: false,
    });
    if (keys.algorithms.includes('EdDSA')) installEdDsaVerifier();
  }

  /** Signature and expiry are already checked; the token must also name a user who still exists. */
  async validate(payload: TokenPayload): Promise<AuthenticatedUser | false> {
    const { user_id: userId, exp } = payload;
    if (typeof exp !== 'number' || typeof userId !== 'number') return false;
    return (await this.users.find({ ...payload, user_id: userId, exp })) ?? false;
  }
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
