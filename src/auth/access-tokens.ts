import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Algorithm } from 'jsonwebtoken';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { signEdDsa } from './eddsa';
import { TokenKeys } from './keys';

/** Signs access tokens: `user_id`, `sid`, `iat`, `exp`, and the signing key's `kid` in the header. */
@Injectable()
export class AccessTokens {
  readonly lifetimeSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    private readonly keys: TokenKeys,
    @InjectConfig() config: AppConfig,
  ) {
    this.lifetimeSeconds = config.accessTokenExpireMinutes * 60;
  }

  async sign(userId: number, sessionId: number): Promise<string> {
    if (this.keys.algorithm === 'EdDSA') {
      const iat = Math.floor(Date.now() / 1000);
      return signEdDsa({ user_id: userId, sid: sessionId, iat, exp: iat + this.lifetimeSeconds }, this.keys.signingKey, this.keys.signingKid);
    }
    return this.jwt.signAsync(
      { user_id: userId, sid: sessionId },
      {
        // jsonwebtoken takes a KeyObject for every algorithm; @nestjs/jwt's types say string.
        secret: this.keys.signingKey as unknown as string,
        algorithm: this.keys.algorithm as Algorithm,
        keyid: this.keys.signingKid,
        expiresIn: this.lifetimeSeconds,
      },
    );
  }
}
