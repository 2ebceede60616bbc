import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  PayloadTooLargeException,
  SetMetadata,
} from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { isUtf8 } from 'node:buffer';
import typeis from 'type-is';
import { RequestValidationError } from './request-validation.error';

/** Deeper JSON is refused before anything walks it (class-transformer recurses without a bound). */
export const MAX_JSON_DEPTH = 32;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
const JSON_TYPES = ['application/json', 'application/*+json'];

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

type ParsedRequest = Request & {
  bodyError?: HttpException | BodyParserError;
  /** Which parser read the body; none for a request without one (or of a type no parser reads). */
  bodyKind?: 'json' | 'form';
};

/**
 * The body parsers, one limit for the whole body whatever its type. Their failures
 * are held on the request instead of answered at once, so that the route's guard
 * runs first: the contract wants a 401 for a request without a valid token even
 * when its body is malformed. JSON is read from JSON types and from a body with no
 * Content-Type, as FastAPI does; forms from URL-encoded and multipart bodies.
 */
export function bodyParsers(limitBytes: number) {
  const hold = (req: Request, err: ParsedRequest['bodyError']) => {
    (req as ParsedRequest).bodyError = err;
    req.body = undefined;
  };
  const holdError = (err: BodyParserError, req: Request, _res: Response, next: NextFunction) => {
    if (err.type === undefined && err.status === undefined) return next(err);
    hold(req, err);
    next();
  };
  const json = express.json({
    limit: limitBytes,
    type: (req) => req.headers['content-type'] === undefined || typeis(req, JSON_TYPES) !== false,
    // Bytes that are not UTF-8 would be decoded into U+FFFD: stored changed from what was sent.
    verify: (req, _res, buf) => {
      if (!isUtf8(buf)) throw Object.assign(new Error('not UTF-8'), { type: 'entity.parse.failed', status: 400 });
      (req as ParsedRequest).bodyKind = buf.length > 0 ? 'json' : undefined;
    },
  });
  const afterParsing = (req: Request, _res: Response, next: NextFunction) => {
    const parsed = req as ParsedRequest;
    if (parsed.bodyError) return next();
    if (!sentBody(req)) {
      // No bytes, no body (body-parser would make it {}).
      req.body = undefined;
    } else if (typeis(req, FORM_TYPES)) {
      parsed.bodyKind = 'form';
      // An empty field counts as absent, as in FastAPI's forms.
      for (const [name, value] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (value === '') delete req.body[name];
    } else if (parsed.bodyKind !== 'json') {
      req.body = undefined;
    } else if (depthExceeds(req.body, MAX_JSON_DEPTH)) {
      hold(req, RequestValidationError.single(['body'], `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, 'json_invalid'));
    }
    next();
  };
  const parsers = express.Router();
  parsers.use(
    json,
    express.urlencoded({ limit: limitBytes, extended: false }),
    express.raw({ type: 'multipart/form-data', limit: limitBytes }),
    multipartFields,
    holdError,
    afterParsing,
  );
  // One layer of the app's router for all of them. A request with neither Content-Length
  // nor Transfer-Encoding (every GET a client sends) is one that each parser above passes
  // over, and that afterParsing leaves with no body: it skips them all.
  const parseBody = (req: Request, res: Response, next: NextFunction) => {
    if (typeis.hasBody(req)) return parsers(req, res, next);
    req.body = undefined;
    next();
  };
  return [parseBody];
}

/** Reads the fields of a multipart body that express.raw has already read (within the limit). */
function multipartFields(req: Request, _res: Response, next: NextFunction) {
  if (!Buffer.isBuffer(req.body) || !typeis(req, ['multipart/form-data'])) return next();
  const raw = req.body;
  const fields: Record<string, string> = Object.create(null);
  let refusal: HttpException | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    if (refusal) {
      (req as ParsedRequest).bodyError = refusal;
      req.body = undefined;
    } else {
      // Field names come from the client: copied onto a plain object only now, never onto a prototype.
      req.body = { ...fields };
    }
    next();
  };
  const refuse = (message: string) => (refusal ??= new HttpException(message, HttpStatus.BAD_REQUEST));
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fields: 16, parts: 16, files: 0 } });
  } catch {
    refuse('Malformed multipart body');
    return finish();
  }
  parser.on('field', (name, value) => (fields[name] = value));
  parser.on('file', (_name, stream) => {
    refuse('File uploads are not accepted');
    stream.resume();
  });
  parser.on('filesLimit', () => refuse('File uploads are not accepted'));
  parser.on('fieldsLimit', () => refuse('Too many form fields'));
  parser.on('partsLimit', () => refuse('Too many form fields'));
  parser.on('error', () => {
    refuse('Malformed multipart body');
    finish();
  });
  parser.on('close', finish);
  parser.end(raw);
}

/** Whether the request carries a body of at least one byte (or a chunked one). */
function sentBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
}

/** Whether `value` nests deeper than `max` levels, found without recursion. */
function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

const FORM_BODY = 'formBody';

/** The route takes an HTML form (URL-encoded or multipart), as FastAPI's Form fields do; other routes take JSON. */
export const FormBody = () => applyDecorators(SetMetadata(FORM_BODY, true), ApiConsumes(...FORM_TYPES));

/**
 * What a JSON route's @Body() receives when the body was not JSON: FastAPI then
 * validates the raw bytes against the model, and refuses them as not an object.
 */
export class NotJsonBody {}

/**
 * After the authentication guard: throws the body error that `bodyParsers` held,
 * and gives each route only a body of the kind it takes. A guard, not an
 * interceptor: any interceptor puts every request on Nest's Observable path
 * (rxjs), which a read does not need. It runs after the global guards registered
 * before it (the token's check, so a request without a valid token is a 401
 * whatever its body), and a route with guards of its own lists it last among them
 * (`@UseGuards(Throttle, RequestBodyGuard)`), so that they too run before the
 * body is refused, as they did when this was an interceptor.
 */
@Injectable()
export class RequestBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<ParsedRequest>();
    if (req.bodyError) throw toHttpError(req.bodyError);
    const takesForm = this.reflector.getAllAndOverride<boolean>(FORM_BODY, [context.getHandler(), context.getClass()]) ?? false;
    if (takesForm && req.bodyKind !== 'form') req.body = undefined;
    else if (!takesForm && req.bodyKind !== 'json' && sentBody(req)) req.body = new NotJsonBody();
    return true;
  }
}

/** The global instance (configureApp): a route that lists RequestBodyGuard among its own guards is left to that one. */
export class GlobalRequestBodyGuard extends RequestBodyGuard {
  override canActivate(context: ExecutionContext): boolean {
    return listsRequestBodyGuard(context.getHandler()) || listsRequestBodyGuard(context.getClass()) || super.canActivate(context);
  }
}

function listsRequestBodyGuard(target: object): boolean {
  const guards = Reflect.getMetadata(GUARDS_METADATA, target) as unknown[] | undefined;
  return guards !== undefined && guards.includes(RequestBodyGuard);
}

/** The one answer to a body over BODY_LIMIT_BYTES, whichever parser found it. */
export const bodyTooLarge = () => new PayloadTooLargeException('Request body too large');

function toHttpError(err: HttpException | BodyParserError): HttpException {
  if (err instanceof HttpException) return err;
  if (err.type === 'entity.too.large' || err.status === HttpStatus.PAYLOAD_TOO_LARGE) return bodyTooLarge();
  if (err.type === 'entity.parse.failed') {
    const position = /position (\d+)/.exec(err.message)?.[1];
    return RequestValidationError.single(['body', position ? Number(position) : 0], 'JSON decode error', 'json_invalid');
  }
  // body-parser's own messages (unsupported charset or encoding, aborted upload) are safe to show.
  return new HttpException(err.message, err.status ?? HttpStatus.BAD_REQUEST);
}
