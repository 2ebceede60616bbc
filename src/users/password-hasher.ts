import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { isStorableText } from '../http/fields';

/**
 * bcrypt on libuv's thread pool (the async API), so hashing never blocks the
 * event loop; and at most one hash per core but one at a time, so a flood of
 * logins queues up behind itself instead of taking the CPU from every other request.
 */
/** What bcrypt reads of a password. */
export const MAX_PASSWORD_BYTES = 72;

@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxConcurrent = Math.max(1, availableParallelism() - 1);

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return this.limited(() => bcrypt.hash(password, this.config.bcryptRounds));
  }

  /**
   * Compares against a hash of the configured cost even when there is no user,
   * so an unknown e-mail takes as long to refuse as a wrong password. bcrypt reads
   * only the first 72 bytes: a longer password is refused after the same work,
   * or any password sharing those 72 bytes would match. So is one no stored password
   * can hold: bcrypt stops at a NUL, so `secret\0anything` would match `secret`.
   */
  async verify(password: string, hash: string | undefined): Promise<boolean> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    const checkable = Buffer.byteLength(password) <= MAX_PASSWORD_BYTES && isStorableText(password);
    const against = checkable && hash !== undefined ? hash : await this.dummyHash;
    const matches = await this.limited(() => bcrypt.compare(password, against));
    return checkable && hash !== undefined && matches;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.maxConcurrent) this.running++;
    else await new Promise<void>((go) => this.waiting.push(go));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so no newcomer can slip in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
