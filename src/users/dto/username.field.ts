import { applyDecorators } from '@nestjs/common';
import { Matches } from 'class-validator';
import { message, TextField } from '../../http/fields';

/**
 * What a username may be: 3 to 30 of A-Z a-z 0-9 _ (the database's users_username_format
 * says the same). Unique without regard to letter case, kept as written.
 */
export const USERNAME = { minLength: 3, maxLength: 30, characters: '^[A-Za-z0-9_]+$' };

export const isUsername = (value: string): boolean =>
  value.length >= USERNAME.minLength && value.length <= USERNAME.maxLength && new RegExp(USERNAME.characters).test(value);

export function UsernameField(options: { optional?: boolean; description?: string; example?: string } = {}) {
  return applyDecorators(
    TextField({ ...options, minLength: USERNAME.minLength, maxLength: USERNAME.maxLength, pattern: USERNAME.characters }),
    Matches(new RegExp(USERNAME.characters), message(`String should match pattern '${USERNAME.characters}'`)),
  );
}
