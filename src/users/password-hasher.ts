import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { isStorableText } from '../http/fields';
import { ServiceBusyException } from '../http/too-many-requests.exception';
import { Metrics } from '../metrics/metrics';
import { rateLimitRefusals } from '../rate-limit/rate-limiters';

/** What bcrypt reads of a password. */
export const MAX_PASSWORD_BYTES = 72;

/**
 * Passwords are hashed in Unicode NFC, so that one typed with a decomposed "é" (as
 * some keyboards and systems send it) is the same password as one with a composed "é".
 */
export const normalisePassword = (password: string): string => password.normalize('NFC');

/** The outcome of checking a password against a user's stored hash. */
export interface PasswordCheck {
  matches: boolean;
  /**
   * The password matched, and its hash should be made again: at another cost than
   * BCRYPT_ROUNDS (so that old costs do not linger, and a login's timing says nothing
   * about when an account last logged in), or of the password as typed rather than NFC.
   */
  rehash: boolean;
}

/** How long one bcrypt hash at cost 12 takes on the 2-core machines this was measured on. */
const MS_AT_COST_12 = 205;

/**
 * bcrypt on libuv's thread pool (the async API), so hashing never blocks the
 * event loop; and at most one hash per core but one at a time, so a flood of
 * logins queues up behind itself instead of taking the CPU from every other request.
 * The queue is bounded (BCRYPT_QUEUE_MAX): past it a request is refused at once with
 * 503 and Retry-After, rather than waiting seconds behind everyone else's.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxConcurrent = Math.max(1, availableParallelism() - 1);
  /** A moving average of one hash's time, for Retry-After. */
  private averageMs: number;
  private readonly refused: () => void;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    this.averageMs = MS_AT_COST_12 * 2 ** (config.bcryptRounds - 12);
    const refusals = rateLimitRefusals(metrics);
    this.refused = () => refusals.inc({ limit: 'password_hashing_queue' });
    const waiting = this.waiting;
    metrics.gauge({
      name: 'social_api_password_hash_queue',
      help: 'Password hashes and checks waiting for a hashing thread',
      collect() {
        this.set(waiting.length);
      },
    });
  }

  hash(password: string): Promise<string> {
    return this.limited(() => bcrypt.hash(normalisePassword(password), this.config.bcryptRounds));
  }

  /**
   * Compares the password in NFC, and, when that fails and it was typed otherwise, as
   * typed: hashes made before passwords were normalised are of the typed form. The
   * number of comparisons depends on the password alone, never on the account, and
   * with no user they are made against a hash of the configured cost, so an unknown
   * e-mail takes as long to refuse as a wrong password.
   */
  async check(password: string, hash: string | undefined): Promise<PasswordCheck> {
    const normal = normalisePassword(password);
    const forms = normal === password ? [normal] : [normal, password];
    for (const [i, form] of forms.entries()) {
      if (await this.compare(form, hash)) {
        const asTyped = i > 0;
        return { matches: true, rehash: asTyped || bcrypt.getRounds(hash!) !== this.config.bcryptRounds };
      }
    }
    return { matches: false, rehash: false };
  }

  /**
   * One comparison, of the same cost whatever the input. bcrypt reads only the first
   * 72 bytes: a longer password is refused after the same work, or any password
   * sharing those 72 bytes would match. So is one no stored password can hold: bcrypt
   * stops at a NUL, so `secret\0anything` would match `secret`.
   */
  private async compare(password: string, hash: string | undefined): Promise<boolean> {
    // Made once, outside the queue: a busy queue must not leave every later check without it.
    this.dummyHash ??= bcrypt.hash(randomBytes(16).toString('hex'), this.config.bcryptRounds);
    const checkable = Buffer.byteLength(password) <= MAX_PASSWORD_BYTES && isStorableText(password);
    const against = checkable && hash !== undefined ? hash : await this.dummyHash;
    const matches = await this.limited(() => bcrypt.compare(password, against));
    return checkable && hash !== undefined && matches;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.maxConcurrent) this.running++;
    else if (this.waiting.length >= this.config.bcryptQueueMax) throw this.busy();
    else await new Promise<void>((go) => this.waiting.push(go));
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      // The slot passes straight to the next in line, so no newcomer can slip in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Retry-After: about when the queue ahead will have drained. */
  private busy(): ServiceBusyException {
    this.refused();
    const drainMs = ((this.waiting.length + this.running) * this.averageMs) / this.maxConcurrent;
    return new ServiceBusyException('Too many password checks at once, try again shortly', drainMs);
  }
}
