import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';

const STRING = { message: 'Input should be a valid string' };

const isRefresh = (form: LoginDto) => form.grant_type === 'refresh_token';

/**
 * OAuth2's password-flow form, as FastAPI's OAuth2PasswordRequestForm reads it, and
 * OAuth2's refresh grant (RFC 6749 §6): `grant_type=refresh_token&refresh_token=...`.
 */
export class LoginDto {
  @ApiPropertyOptional({ description: 'The e-mail address (password grant)', example: 'ada@example.com' })
  @ValidateIf((form: LoginDto) => !isRefresh(form))
  @IsString(STRING)
  username: string;

  @ApiPropertyOptional({ format: 'password', example: 'correct horse battery', description: 'Password grant' })
  @ValidateIf((form: LoginDto) => !isRefresh(form))
  @IsString(STRING)
  password: string;

  @ApiPropertyOptional({ pattern: '^(password|refresh_token)$', description: 'Absent or "password": log in; "refresh_token": refresh' })
  @IsOptional()
  @IsString(STRING)
  @Matches(/^(password|refresh_token)$/, { message: "String should match pattern '^(password|refresh_token)$'" })
  grant_type?: string;

  @ApiPropertyOptional({ description: 'With grant_type=refresh_token: the refresh token of the last answer' })
  @ValidateIf(isRefresh)
  @IsString(STRING)
  refresh_token?: string;

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
