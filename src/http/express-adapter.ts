import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

/**
 * A class of Node's `base` whose instances have `prototype` (Express's request or response
 * methods) from birth. A plain function, as Node's own classes are: Node calls it with `new`.
 */
function withPrototype<T extends typeof IncomingMessage | typeof ServerResponse>(base: T, prototype: object): T {
  function Made(this: object, ...args: unknown[]) {
    (base as unknown as (...a: unknown[]) => void).apply(this, args);
  }
  Made.prototype = prototype;
  return Made as unknown as T;
}

/**
 * Nest's Express adapter, with requests and responses made by Node's server with Express's
 * prototypes already. Express swaps them on every request (`Object.setPrototypeOf` in
 * `app.handle`), and V8 then gives each request and each response a hidden class of its own:
 * none is shared (checked with `%HaveSameMap` on Node 20), so every property read on them
 * misses the inline caches, and each class is garbage afterwards. Born with the right
 * prototype, Express's swap sets the prototype they already have, and they share one class.
 * The options this app does not use (HTTPS, Nest's connection tracking) keep Nest's own server.
 */
export class PrototypedExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    if (options.httpsOptions || options.forceCloseConnections || options.return503OnClosing) return super.initHttpServer(options);
    const express = this.getInstance() as Express;
    this.setHttpServer(
      createServer({ IncomingMessage: withPrototype(IncomingMessage, express.request), ServerResponse: withPrototype(ServerResponse, express.response) }, express),
    );
  }
}
