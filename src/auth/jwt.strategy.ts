import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-jwt';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';

interface TokenPayload {
  user_id?: unknown;
  exp?: unknown;
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
    @InjectConfig() config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse
      // it as a PEM public key on every verify (15% of the CPU time of a read in the profile).
      secretOrKey: createSecretKey(Buffer.from(config.secretKey)) as unknown as string,
      // Pinning the algorithm rejects `alg: none` and any algorithm-confusion token.
      algorithms: [config.algorithm],
      ignoreExpiration: false,
    });
  }

  /** Signature and expiry are already checked; the token must also name a user who still exists. */
  async validate(payload: TokenPayload): Promise<User | false> {
    const { user_id: userId, exp } = payload;
    if (typeof exp !== 'number' || typeof userId !== 'number') return false;
    return (await this.users.findById(userId)) ?? false;
  }
}
