import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';

interface TokenPayload {
  user_id?: unknown;
  exp?: unknown;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @InjectConfig() config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
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
