import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'Token' })
export class TokenDto {
  @ApiProperty({ description: 'A JWT carrying user_id, sid, iat and exp, with the signing key\'s kid in its header' })
  access_token: string;

  @ApiProperty({ example: 'bearer' })
  token_type: 'bearer';

  @ApiProperty({ type: 'integer', example: 1800, description: 'Seconds until the access token expires' })
  expires_in: number;

  @ApiProperty({ description: 'Opaque; trade it at POST /login (grant_type=refresh_token) for a new pair. Single use.' })
  refresh_token: string;
}
