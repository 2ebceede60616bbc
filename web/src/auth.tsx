import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, client, onSessionEnded, type UserOut } from './api';
import { endingSession } from './live';
import { forgetAll } from './queries';

type AuthState = { status: 'loading' } | { status: 'out'; notice?: string } | { status: 'in'; user: UserOut };

interface Auth {
  state: AuthState;
  logIn(email: string, password: string): Promise<void>;
  logOut(): Promise<void>;
  /** The logged-in user's username changed (PATCH /users/me). */
  renamed(username: string): void;
  /** The session is over on the server already (account deleted, this device logged out): forget it here. */
  ended(notice: string): void;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const loadUser = useCallback(async () => {
    // Without an access token the client refreshes with the stored refresh token first.
    const { data } = await api.GET('/users/me');
    setState(data ? { status: 'in', user: data } : { status: 'out' });
  }, []);

  // Whoever logs in next sees nothing of what this user loaded.
  const out = useCallback((notice?: string) => {
    forgetAll();
    setState({ status: 'out', notice });
  }, []);

  useEffect(() => {
    if (client.tokens.refreshToken()) void loadUser().catch(() => setState({ status: 'out' }));
    else setState({ status: 'out' });
    return onSessionEnded(() => out('Your session has ended. Please log in again.'));
  }, [loadUser, out]);

  const auth = useMemo<Auth>(
    () => ({
      state,
      async logIn(email, password) {
        await client.login(email, password);
        await loadUser();
      },
      async logOut() {
        await endingSession(() => client.logout()).catch(() => undefined);
        out('You are logged out.');
      },
      renamed(username) {
        setState((now) => (now.status === 'in' ? { status: 'in', user: { ...now.user, username } } : now));
      },
      ended(notice) {
        client.tokens.clear();
        out(notice);
      },
    }),
    [state, loadUser, out],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The logged-in user; only for pages that are shown to a logged-in user. */
export function useUser(): UserOut {
  const { state } = useAuth();
  if (state.status !== 'in') throw new Error('useUser without a logged-in user');
  return state.user;
}
