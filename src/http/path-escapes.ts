import type { NextFunction, Request, Response } from 'express';

const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/g;

/**
 * A path with malformed percent-encoding (`%ZZ`, a lone `%`, or escapes that are not
 * UTF-8, like `%FF`) is read as uvicorn reads it: the malformed part as the text it is.
 * Express would refuse the whole request with a 400 before any route, guard or pipe;
 * this way it goes where its path leads: `/posts/%ZZ` is the id `%ZZ` (a 422 at
 * ["path", "id"], after the token check, as any other non-integer id) and
 * `/no-such/%ZZ` a 404. Only such paths are rewritten, by escaping their `%` signs.
 */
export function keepMalformedEscapes(req: Request, _res: Response, next: NextFunction): void {
  const url = req.url;
  if (!url.includes('%')) return next();
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (!decodes(path)) req.url = path.split('/').map(readableSegment).join('/') + (query < 0 ? '' : url.slice(query));
  next();
}

function readableSegment(segment: string): string {
  if (decodes(segment)) return segment;
  const fixed = segment.replace(MALFORMED_ESCAPE, '%25');
  // Well-formed escapes of bytes that are not UTF-8: the segment as it was sent.
  return decodes(fixed) ? fixed : segment.replaceAll('%', '%25');
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
