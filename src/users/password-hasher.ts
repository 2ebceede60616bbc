import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';

/** bcrypt on libuv's thread pool (the async API), so hashing never blocks the event loop. */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.bcryptRounds);
  }

  /**
   * Compares against a hash of the configured cost even when there is no user,
   * so an unknown e-mail takes as long to refuse as a wrong password.
   */
  async verify(password: string, hash: string | undefined): Promise<boolean> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    const matches = await bcrypt.compare(password, hash ?? (await this.dummyHash));
    return hash !== undefined && matches;
  }
}
