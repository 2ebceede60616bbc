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
    async logout() {
      try {
        if (tokens.accessToken() || tokens.refreshToken()) await api.POST('/logout');
      } finally {
        tokens.clear();
      }
    },
  };
}
