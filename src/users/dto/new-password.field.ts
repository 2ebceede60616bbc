import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { message, messages, TextField } from '../../http/fields';
import { MAX_PASSWORD_BYTES } from '../password-hasher';

const MIN_PASSWORD_BYTES = 8;

/** A password to be hashed: at most what bcrypt reads, so that no part of it is silently ignored. */
export function NewPasswordField(options: { example?: string } = {}) {
  const [min, max] = [MIN_PASSWORD_BYTES, MAX_PASSWORD_BYTES];
  const fits = (v: unknown) => typeof v !== 'string' || (Buffer.byteLength(v) >= min && Buffer.byteLength(v) <= max);
  return applyDecorators(
    TextField({ ...options, format: 'password', description: `${min} to ${max} bytes of UTF-8 (bcrypt reads at most ${max})` }),
    ValidateBy({ name: 'byteLength', validator: { validate: fits } }, message(messages.passwordBytes(min, max))),
  );
}
