import { ApiProperty } from '@nestjs/swagger';

export class TokenDto {
  @ApiProperty({ description: 'A JWT (HS256) carrying user_id and exp' })
  access_token: string;

  @ApiProperty({ example: 'bearer' })
  token_type: 'bearer';
}
