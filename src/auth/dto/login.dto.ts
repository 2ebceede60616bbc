import { ApiSchema } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { TextField } from '../../http/fields';

const isRefresh = (form: LoginDto) => form.grant_type === 'refresh_token';
const isPasswordGrant = (form: LoginDto) => !isRefresh(form);

/**
 * OAuth2's password-flow form, as FastAPI's OAuth2PasswordRequestForm reads it, and
 * OAuth2's refresh grant (RFC 6749 §6): `grant_type=refresh_token&refresh_token=...`.
 * An empty field counts as absent (the form parsers drop it), as in FastAPI.
 */
@ApiSchema({ name: 'LoginForm' })
export class LoginDto {
  @TextField({ requiredWhen: isPasswordGrant, description: 'The e-mail address (password grant)', example: 'ada@example.com' })
  username: string;

  // No length or content rule: a password bcrypt cannot check in full, or one holding a
  // character no stored password can hold (NUL, a lone surrogate), is refused as any wrong
  // one (403), so the answer says nothing about what a password may contain.
  @TextField({ requiredWhen: isPasswordGrant, format: 'password', description: 'Password grant', example: 'correct horse battery', storable: false })
  password: string;

  @TextField({ optional: true, pattern: '^(password|refresh_token)$', description: 'Absent or "password": log in; "refresh_token": refresh' })
  @Matches(/^(password|refresh_token)$/, { message: "String should match pattern '^(password|refresh_token)$'" })
  grant_type?: string;

  @TextField({ requiredWhen: isRefresh, description: 'With grant_type=refresh_token: the refresh token of the last answer' })
  refresh_token?: string;

  @TextField({ optional: true })
  scope?: string;

  @TextField({ optional: true })
  client_id?: string;

  @TextField({ optional: true })
  client_secret?: string;
}
