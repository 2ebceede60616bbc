import { createApiClient, type paths, type TokenPair, type TokenStore } from '@social-api/client';

/** The shapes the pages use, read off the routes (so they follow any schema renaming). */
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type PostOut = Json<paths['/posts']['get']['responses'][200]>[number];
export type Post = PostOut['Post'];
export type UserOut = Json<paths['/users/me']['get']['responses'][200]>;
export type SessionOut = Json<paths['/users/me/sessions']['get']['responses'][200]>[number];
export type Profile = Json<paths['/profiles/{username}']['get']['responses'][200]>;
/** A person in a list (followers, voters, blocks): `{ id, username, display_name, followed }`. */
export type Brief = Json<paths['/users/me/blocks']['get']['responses'][200]>[number];
export type Comment = Json<paths['/comments/{id}']['get']['responses'][200]>;
export type Notification = Json<paths['/notifications']['get']['responses'][200]>[number];

const REFRESH_KEY = 'social.refresh_token';

/**
 * The refresh token in localStorage (the session survives a reload and is shared by the
 * tabs), the access token in this tab's memory only.
 */
function browserTokenStore(): TokenStore {
  let access: string | undefined;
  return {
    accessToken: () => access,
    refreshToken: () => localStorage.getItem(REFRESH_KEY) ?? undefined,
    save(pair: TokenPair) {
      access = pair.access_token;
      localStorage.setItem(REFRESH_KEY, pair.refresh_token);
    },
    clear() {
      access = undefined;
      localStorage.removeItem(REFRESH_KEY);
    },
  };
}

const sessionEndedListeners = new Set<() => void>();
export const onSessionEnded = (listener: () => void) => {
  sessionEndedListeners.add(listener);
  return () => void sessionEndedListeners.delete(listener);
};

export const client = createApiClient({
  baseUrl: '',
  tokens: browserTokenStore(),
  // Tabs share the stored refresh token, which rotates: one refresh at a time across them,
  // each reading the token the previous one saved.
  refreshLock: <T,>(refresh: () => Promise<T>) => (navigator.locks ? (navigator.locks.request('social.refresh', refresh) as Promise<T>) : refresh()),
  onSessionEnded: () => sessionEndedListeners.forEach((listener) => listener()),
});

export const api = client.api;

/** The session is over on the server (said by another tab, or by the live stream): forget it and say so. */
export function sessionEnded(): void {
  client.tokens.clear();
  sessionEndedListeners.forEach((listener) => listener());
}

// Another tab logged out (or its session ended): this tab's access token is of the same
// session, so it is over here too.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_KEY && event.newValue === null && client.tokens.accessToken()) sessionEnded();
});
