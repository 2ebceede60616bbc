import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokens } from './access-tokens';
import { TokenKeys } from './keys';

/** The signing and verification keys, and the access-token signer, for every module that needs them. */
@Module({
  imports: [JwtModule.register({})],
  providers: [TokenKeys, AccessTokens],
  exports: [TokenKeys, AccessTokens],
})
export class TokensModule {}
