import { Matches } from 'class-validator';
import { TextField } from '../../http/fields';

/**
 * OAuth2's password-flow form, as FastAPI's OAuth2PasswordRequestForm reads it. An
 * empty field counts as absent (the form parsers drop it), as in FastAPI.
 */
export class LoginDto {
  @TextField({ description: 'The e-mail address', example: 'ada@example.com' })
  username: string;

  // No length rule: a password bcrypt cannot check in full is refused as any wrong one (403).
  @TextField({ format: 'password', example: 'correct horse battery' })
  password: string;

  @TextField({ optional: true, pattern: '^password$' })
  @Matches(/^password$/, { message: "String should match pattern '^password$'" })
  grant_type?: string;

  @TextField({ optional: true, default: '' })
  scope?: string;

  @TextField({ optional: true })
  client_id?: string;

  @TextField({ optional: true })
  client_secret?: string;
}
