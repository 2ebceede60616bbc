import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** The API's named schemas: `Schemas['PostOut']`, `Schemas['UserOut']`, ... */
export type Schemas = components['schemas'];

// ---- error bodies -----------------------------------------------------------

/** Every error the app raises itself: `{"detail": "Invalid Credentials"}`. */
export interface HttpErrorBody {
  detail: string;
}

/** One problem of a 422: `loc` is `["body", "title"]`, `["query", "limit"]`, ... */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** A 422 (request validation): one entry per problem. */
export interface ValidationErrorBody {
  detail: ValidationIssue[];
}

export type ApiErrorBody = HttpErrorBody | ValidationErrorBody;

export function isValidationError(body: unknown): body is ValidationErrorBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as { detail?: unknown }).detail);
}

export function isHttpError(body: unknown): body is HttpErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as { detail?: unknown }).detail === 'string';
}

/**
 * A 422's messages by field, for showing them at the field: `["body", "title"]` is
 * `title`, `["body", "owner", "email"]` is `owner.email`, `["query", "limit"]` is `limit`.
 * The first message of a field wins.
 */
export function fieldErrors(body: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isValidationError(body)) return errors;
  for (const issue of body.detail) {
    const key = issue.loc.slice(1).join('.') || String(issue.loc[0] ?? '');
    errors[key] ??= issue.msg;
  }
  return errors;
}

/** One line for a person: the `detail` string, or the 422's messages joined. */
export function errorMessage(body: unknown, fallback = 'Something went wrong'): string {
  if (isHttpError(body)) return body.detail;
  if (isValidationError(body)) return body.detail.map((issue) => issue.msg).join('; ') || fallback;
  return fallback;
}

// ---- paging headers ---------------------------------------------------------

export interface PageInfo {
  /** `X-Total-Count`: matching posts (for a search, at most SEARCH_COUNT_LIMIT). */
  totalCount: number | undefined;
  /** `X-Total-Count-Capped: true`: there are more matches than `totalCount` says. */
  totalCountCapped: boolean;
  /** `X-Next-Cursor`: pass it as `cursor` for the next page; undefined on the last page. */
  nextCursor: string | undefined;
}

export function pageInfo(response: Response): PageInfo {
  const total = response.headers.get('X-Total-Count');
  return {
    totalCount: total === null ? undefined : Number(total),
    totalCountCapped: response.headers.get('X-Total-Count-Capped') === 'true',
    nextCursor: response.headers.get('X-Next-Cursor') ?? undefined,
  };
}

// ---- tokens -----------------------------------------------------------------

/** POST /login's answer (both grants). */
export interface TokenPair {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

/** Where the client keeps its tokens. The refresh token rotates: `save` must replace it. */
export interface TokenStore {
  accessToken(): string | undefined;
  refreshToken(): string | undefined;
  save(pair: TokenPair): void;
  clear(): void;
}

/** Both tokens in memory (a script, a test); give a refresh token to resume a session. */
export function memoryTokenStore(refreshToken?: string): TokenStore {
  let access: string | undefined;
  let refresh = refreshToken;
  return {
    accessToken: () => access,
    refreshToken: () => refresh,
    save: (pair) => ((access = pair.access_token), (refresh = pair.refresh_token)),
    clear: () => ((access = undefined), (refresh = undefined)),
  };
}

/** A failed login or refresh: `status` 403 (credentials), 401 (refresh token), 422, 429. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    /** The answer's headers: `Retry-After` on a 429. */
    readonly headers: Headers = new Headers(),
  ) {
    super(errorMessage(body, `HTTP ${status}`));
  }
}

export interface ApiClientOptions {
  /** The API's origin, e.g. `http://localhost:8000`; `''` for the page's own origin. */
  baseUrl: string;
  tokens?: TokenStore;
  fetch?: typeof globalThis.fetch;
  /**
   * Wraps every refresh, e.g. in `navigator.locks.request` when browser tabs share one
   * stored refresh token; the store is read inside it, so a tab that waited uses the
   * token the other tab saved.
   */
  refreshLock?: <T>(refresh: () => Promise<T>) => Promise<T>;
  /** The refresh token was refused (the session ended): log in again. */
  onSessionEnded?: () => void;
}

export interface ApiClient {
  /** openapi-fetch, typed by the API's paths: `api.GET('/posts', { params: { query: { limit: 10 } } })`. */
  api: Client<paths>;
  tokens: TokenStore;
  /** The password grant: opens a session and keeps its tokens. Throws AuthError. */
  login(email: string, password: string): Promise<TokenPair>;
  /** The refresh grant, one at a time however many requests ask at once. Throws AuthError. */
  refresh(): Promise<TokenPair>;
  /** POST /logout (ends this session) and forgets the tokens, whatever the answer. */
  logout(): Promise<void>;
  /**
   * Live updates: `GET /stream` (Server-Sent Events) read with fetch and this client's
   * tokens, a typed handler per event, reconnecting with Last-Event-ID. See README "Live updates".
   */
  stream(options: StreamOptions): LiveStream;
}

/**
 * A client that sends the access token, and on a 401 refreshes once and retries the
 * request once. Concurrent 401s share one refresh: the refresh token rotates, and a
 * used one presented again ends the whole session.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const tokens = options.tokens ?? memoryTokenStore();
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const lock = options.refreshLock ?? ((refresh) => refresh());
  const loginUrl = `${options.baseUrl}/login`;
  let inFlight: Promise<TokenPair> | undefined;

  async function tokenRequest(fields: Record<string, string>): Promise<TokenPair> {
    const res = await baseFetch(loginUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(fields),
    });
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw new AuthError(res.status, body, res.headers);
    tokens.save(body as TokenPair);
    return body as TokenPair;
  }

  function endSession(): void {
    tokens.clear();
    options.onSessionEnded?.();
  }

  function refresh(): Promise<TokenPair> {
    inFlight ??= lock(async () => {
      const refreshToken = tokens.refreshToken();
      if (!refreshToken) throw new AuthError(401, { detail: 'Not logged in' });
      return tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
    })
      .catch((err: unknown) => {
        if (err instanceof AuthError && err.status === 401) endSession();
        throw err;
      })
      .finally(() => (inFlight = undefined));
    return inFlight;
  }

  const withToken = (request: Request, token: string | undefined): Request => {
    const authorized = new Request(request);
    if (token) authorized.headers.set('Authorization', `Bearer ${token}`);
    return authorized;
  };

  async function authorizedFetch(request: Request): Promise<Response> {
    const retry = request.clone();
    // A resumed session (a page reload) has a refresh token and no access token yet:
    // refresh first rather than collect a 401.
    if (tokens.accessToken() === undefined && tokens.refreshToken()) await refresh().catch(() => undefined);
    const sent = tokens.accessToken();
    const response = await baseFetch(withToken(request, sent));
    if (response.status !== 401) return response;
    if (!tokens.refreshToken()) {
      // The refresh token is gone (another tab logged out, say): this session is over here too.
      if (sent !== undefined) endSession();
      return response;
    }
    // Another request may have refreshed meanwhile: then its token is the one to retry with.
    let token = tokens.accessToken();
    if (token === sent || token === undefined) {
      try {
        token = (await refresh()).access_token;
      } catch {
        return response;
      }
    }
    return baseFetch(withToken(retry, token));
  }

  const api = createFetchClient<paths>({ baseUrl: options.baseUrl, fetch: authorizedFetch });

  return {
    api,
    tokens,
    login: (email, password) => tokenRequest({ username: email, password }),
    refresh,
    stream: (streamOptions) =>
      openStream({ baseUrl: options.baseUrl, fetch: baseFetch, accessToken: () => tokens.accessToken(), refreshToken: () => tokens.refreshToken(), refresh }, streamOptions),
    async logout() {
      try {
        if (tokens.accessToken() || tokens.refreshToken()) await api.POST('/logout');
      } finally {
        tokens.clear();
      }
    },
  };
}

// ---- live updates (GET /stream) -------------------------------------------------
// In this file rather than a module of its own: the tests and the web app read the TypeScript
// source, and Jest cannot resolve the `.js` specifier ESM output needs.

/** Each event of `GET /stream` and its `data`, as docs/api.md "Live updates" lists them. */
export interface StreamEvents {
  /** A published post entering the home timeline (carries an `id`). */
  timeline: Schemas['PostOut'];
  'post.updated': Schemas['PostOut'];
  'post.deleted': { id: number };
  /** A watched post's vote count. */
  votes: { post_id: number; votes: number };
  /** A new comment on a watched post. */
  comment: Schemas['Comment'];
  /** A new notification (carries an `id`), followed by `unread`. */
  notification: Schemas['Notification'];
  unread: { count: number };
  /** The stream's session ended: the stream stops for good (see `onEnd`). */
  'session.ended': Record<string, never>;
}

export type StreamEventName = keyof StreamEvents;

/** A handler per event, each given its typed `data` (and the event's `id:`, if it had one). */
export type StreamHandlers = { [K in StreamEventName]?: (data: StreamEvents[K], id: string | undefined) => void };

/**
 * Why a stream stopped for good: `session.ended` (the event), `unauthorized` (a 401 and the
 * refresh token refused: the client's `onSessionEnded` was called too), `refused` (a 4xx that
 * asking again will not change, e.g. a 422 for `watch`), `closed` (`close()` or the signal).
 */
export interface StreamEnd {
  reason: 'session.ended' | 'unauthorized' | 'refused' | 'closed';
  /** The HTTP status, for `unauthorized` and `refused`. */
  status?: number;
}

export interface StreamOptions {
  on: StreamHandlers;
  /** Post ids to follow closely (`votes`, `comment`, edits): at most 200. Change them with `watch()`. */
  watch?: number[];
  /** Resume after this event id (an `id` an earlier stream gave). */
  lastEventId?: string;
  /** Closes the stream when aborted, as `close()` does. */
  signal?: AbortSignal;
  /**
   * Each time a connection is open (200). `resumed` is true after a drop: `timeline` and
   * `notification` events are replayed from the last id, the others (edits, deletions,
   * votes, comments) are not, so read again what you show.
   */
  onOpen?(info: { resumed: boolean }): void;
  /** A connection failed or dropped; the stream reconnects after `delayMs`. */
  onError?(error: unknown, delayMs: number): void;
  /** The stream stopped for good. */
  onEnd?(end: StreamEnd): void;
  /** The first wait before reconnecting, until the server sends `retry:` (default 1000 ms). */
  retryMs?: number;
  /** The longest wait between attempts, the backoff doubling up to it (default 30 s). */
  maxRetryMs?: number;
  /** No byte (not even a heartbeat, every 25 s) for this long counts as a drop (default 60 s). */
  idleMs?: number;
}

export interface LiveStream {
  /** Follow these posts instead: reconnects at once with the new `?watch=` (and Last-Event-ID). */
  watch(postIds: number[]): void;
  /** Stops for good (`onEnd` with `closed`). */
  close(): void;
  /** The id of the last `timeline` or `notification` event received. */
  readonly lastEventId: string | undefined;
  /** Resolves when the stream has stopped for good. */
  readonly done: Promise<StreamEnd>;
}

/** What the stream needs of the client (createApiClient passes its own). */
interface StreamDeps {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  accessToken(): string | undefined;
  refreshToken(): string | undefined;
  /** The client's refresh: rejects with a `status` 401 when the refresh token is refused. */
  refresh(): Promise<unknown>;
}

/** One parsed event block of text/event-stream. */
interface RawEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An SSE parser (the WHATWG rules): feed it text as it arrives; it returns the complete
 * events, and reports `retry:`. Comment lines (heartbeats) are dropped.
 */
export function sseParser(onRetry: (ms: number) => void): (chunk: string) => RawEvent[] {
  let buffer = '';
  let first = true;
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let sawId = false;
  return (chunk) => {
    buffer += chunk;
    if (first && buffer.length > 0) {
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      first = false;
    }
    const out: RawEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(buffer);
      // A lone \r at the end may be half of \r\n: wait for the next chunk.
      if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) break;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (line === '') {
        if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n'), ...(sawId ? { id } : {}) });
        event = '';
        data = [];
        sawId = false;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id' && !value.includes('\0')) ((id = value), (sawId = true));
      else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
    }
    return out;
  };
}

/** Resolves after `ms`, or at once when `signal` is aborted. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/** Thrown out of a connection to end the stream for good. */
class Stop {
  constructor(readonly end: StreamEnd) {}
}

/**
 * `GET /stream` read with `fetch` (a bearer token, as every other request), parsed here,
 * reconnecting with `Last-Event-ID` after a drop. See client/README.md "Live updates".
 */
function openStream(deps: StreamDeps, options: StreamOptions): LiveStream {
  const stopped = new AbortController();
  let watched = [...(options.watch ?? [])];
  let lastEventId = options.lastEventId;
  let retryMs = options.retryMs ?? 1000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const idleMs = options.idleMs ?? 60_000;
  /** The current connection: aborted to reconnect (a new watch list) or to stop. */
  let connection: AbortController | undefined;
  /** Set by watch(): the connection was aborted to reconnect at once. */
  let rewatch = false;
  /** Aborted by watch() and by stopping: ends a wait between attempts early. */
  let wake = new AbortController();
  /** Failed attempts in a row, for the backoff. */
  let failures = 0;
  /** A connection was open before; since it was lost (not for a new watch list), events may have been missed. */
  let opened = false;
  let gap = false;
  let resolveDone!: (end: StreamEnd) => void;
  const done = new Promise<StreamEnd>((resolve) => (resolveDone = resolve));

  const onAbort = () => stopped.abort();
  if (options.signal?.aborted) stopped.abort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  stopped.signal.addEventListener('abort', () => (connection?.abort(), wake.abort()), { once: true });

  function dispatch(raw: RawEvent): void {
    if (raw.id !== undefined && raw.id !== '') lastEventId = raw.id;
    const handler = options.on[raw.event as StreamEventName] as ((data: unknown, id: string | undefined) => void) | undefined;
    if (!handler) return;
    let data: unknown;
    try {
      data = JSON.parse(raw.data);
    } catch {
      return;
    }
    handler(data, raw.id);
  }

  /** One connection, until it drops (returns), fails (throws an error) or ends the stream (throws Stop). */
  async function connect(refreshed: boolean): Promise<void> {
    if (deps.accessToken() === undefined) {
      if (!deps.refreshToken()) throw new Stop({ reason: 'unauthorized', status: 401 });
      await refreshOrStop();
    }
    const sent = deps.accessToken();
    const url = `${deps.baseUrl}/stream${watched.length ? `?watch=${watched.join(',')}` : ''}`;
    const abort = (connection = new AbortController());
    rewatch = false;
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${sent}` };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(), idleMs);
    };
    try {
      touch();
      const response = await deps.fetch(url, { headers, signal: abort.signal });
      if (response.status === 401) {
        await response.body?.cancel().catch(() => undefined);
        // Another request may have refreshed meanwhile; otherwise refresh once, then ask again.
        if (refreshed && deps.accessToken() === sent) throw new Stop({ reason: 'unauthorized', status: 401 });
        if (deps.accessToken() === sent) await refreshOrStop();
        return connect(true);
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        const status = response.status;
        if (status >= 400 && status < 500 && status !== 408 && status !== 429) throw new Stop({ reason: 'refused', status });
        const after = Number(response.headers.get('Retry-After'));
        throw Object.assign(new Error(`GET /stream: HTTP ${status}`), { status, retryAfterMs: after > 0 ? after * 1000 : undefined });
      }
      options.onOpen?.({ resumed: gap });
      gap = false;
      opened = true;
      failures = 0;
      const parse = sseParser((ms) => (retryMs = ms));
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done: ended } = await reader.read();
          if (ended) return;
          touch();
          for (const raw of parse(decoder.decode(value, { stream: true }))) {
            dispatch(raw);
            if (raw.event === 'session.ended') throw new Stop({ reason: 'session.ended' });
          }
        }
      } finally {
        reader.cancel().catch(() => undefined);
      }
    } catch (error) {
      // Our own abort: a new watch list (reconnect at once) or the end.
      if (abort.signal.aborted && !(error instanceof Stop)) {
        if (stopped.signal.aborted) throw new Stop({ reason: 'closed' });
        if (rewatch) return;
      }
      throw error;
    } finally {
      clearTimeout(idle);
      abort.abort();
    }
  }

  async function refreshOrStop(): Promise<void> {
    try {
      await deps.refresh();
    } catch (error) {
      if ((error as { status?: number }).status === 401) throw new Stop({ reason: 'unauthorized', status: 401 });
      throw error;
    }
  }

  const wait = async (ms: number) => {
    if (wake.signal.aborted && !stopped.signal.aborted) wake = new AbortController();
    await sleep(ms, wake.signal);
  };

  void (async () => {
    let end: StreamEnd;
    for (;;) {
      try {
        await connect(false);
        if (stopped.signal.aborted) {
          end = { reason: 'closed' };
          break;
        }
        if (rewatch) {
          // A new watch list: at once, and what was missed is only the last moment's.
          continue;
        }
        // The server closed the stream (a restart, a drop): wait `retry:`, then resume.
        gap = opened;
        const delay = retryMs;
        options.onError?.(new Error('GET /stream: the connection closed'), delay);
        await wait(delay);
      } catch (error) {
        if (error instanceof Stop) {
          end = error.end;
          break;
        }
        if (stopped.signal.aborted) {
          end = { reason: 'closed' };
          break;
        }
        if (rewatch) continue;
        gap = opened;
        // Doubling from `retry:` up to maxRetryMs, with jitter so that clients do not all come back at once.
        const backoff = Math.min(maxRetryMs, retryMs * 2 ** failures++);
        const delay = Math.round(Math.max((error as { retryAfterMs?: number }).retryAfterMs ?? 0, backoff * (0.75 + Math.random() * 0.5)));
        options.onError?.(error, delay);
        await wait(delay);
      }
      if (stopped.signal.aborted) {
        end = { reason: 'closed' };
        break;
      }
    }
    options.signal?.removeEventListener('abort', onAbort);
    stopped.abort();
    options.onEnd?.(end);
    resolveDone(end);
  })();

  return {
    watch(postIds) {
      watched = [...postIds];
      rewatch = true;
      connection?.abort();
      wake.abort();
    },
    close: () => stopped.abort(),
    get lastEventId() {
      return lastEventId;
    },
    done,
  };
}
