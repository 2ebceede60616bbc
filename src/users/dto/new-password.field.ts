import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { message, messages, TextField } from '../../http/fields';
import { MAX_PASSWORD_BYTES, normalisePassword } from '../password-hasher';

const MIN_PASSWORD_BYTES = 8;

/**
 * A password to be hashed: at most what bcrypt reads, so that no part of it is silently
 * ignored. Measured as it is hashed, in NFC (which can be longer than the typed form).
 */
export function NewPasswordField(options: { example?: string } = {}) {
  const [min, max] = [MIN_PASSWORD_BYTES, MAX_PASSWORD_BYTES];
  const bytes = (v: string) => Buffer.byteLength(normalisePassword(v));
  const fits = (v: unknown) => typeof v !== 'string' || (bytes(v) >= min && bytes(v) <= max);
  return applyDecorators(
    TextField({ ...options, format: 'password', description: `${min} to ${max} bytes of UTF-8 (bcrypt reads at most ${max})` }),
    ValidateBy({ name: 'byteLength', validator: { validate: fits } }, message(messages.passwordBytes(min, max))),
  );
}
