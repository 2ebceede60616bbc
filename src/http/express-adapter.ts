import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

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
    // Subclasses, not plain functions: V8 sizes a subclass's objects from Node's constructors,
    // with room in the object for their properties; a plain function's get none, and past a
    // dozen properties stored by key (symbols) they fall back to slow dictionaries.
    class Request extends IncomingMessage {}
    class Response extends ServerResponse {}
    Object.setPrototypeOf(Request.prototype, express.request);
    Object.setPrototypeOf(Response.prototype, express.response);
    express.request = Request.prototype as unknown as Express['request'];
    express.response = Response.prototype as unknown as Express['response'];
    this.setHttpServer(createServer({ IncomingMessage: Request, ServerResponse: Response }, express));
  }
}
