import { HttpException, HttpStatus } from '@nestjs/common';

/** An answer that tells the client when to try again: the exception filter adds `Retry-After` with the seconds to wait. */
export abstract class RetryLaterException extends HttpException {
  readonly retryAfterSeconds: number;

  protected constructor(message: string, status: HttpStatus, retryAfterMs: number) {
    super(message, status);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}

/** 429: a rate limit was reached. */
export class TooManyRequestsException extends RetryLaterException {
  constructor(message: string, retryAfterMs: number) {
    super(message, HttpStatus.TOO_MANY_REQUESTS, retryAfterMs);
  }
}

/** 503: the server is too busy for this request right now (the password hashing queue is full). */
export class ServiceBusyException extends RetryLaterException {
  constructor(message: string, retryAfterMs: number) {
    super(message, HttpStatus.SERVICE_UNAVAILABLE, retryAfterMs);
  }
}
