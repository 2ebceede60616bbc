import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { messages } from '../../http/fields';

const STRING = { message: messages.string };

/** OAuth2's password-flow form, as FastAPI's OAuth2PasswordRequestForm reads it. */
export class LoginDto {
  @ApiProperty({ description: 'The e-mail address', example: 'ada@example.com' })
  @IsString(STRING)
  username: string;

  @ApiProperty({ format: 'password', example: 'correct horse battery' })
  @IsString(STRING)
  password: string;

  @ApiPropertyOptional({ pattern: '^password$' })
  @IsOptional()
  @IsString(STRING)
  @Matches(/^password$/, { message: "String should match pattern '^password$'" })
  grant_type?: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptional()
  @IsString(STRING)
  scope?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString(STRING)
  client_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString(STRING)
  client_secret?: string;
}
