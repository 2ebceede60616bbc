import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TokenKeys } from './keys';
import { Public } from './public.decorator';

@ApiTags('Authentication')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: TokenKeys) {}

  @Public()
  @Get('jwks.json')
  // Verifiers may cache it a while; one that meets an unknown kid (after a rotation) fetches it again.
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ operationId: 'getJwks', summary: 'The public keys that verify access tokens (RFC 7517); empty with HS256' })
  @ApiOkResponse({
    schema: {
      example: { keys: [{ kty: 'EC', crv: 'P-256', x: '...', y: '...', kid: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', alg: 'ES256', use: 'sig' }] },
    },
  })
  jwks(): TokenKeys['jwks'] {
    return this.keys.jwks;
  }
}
