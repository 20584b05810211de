import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from './__generated__';
import type { MeQuery } from './__generated__/graphql';
import { mayHaveSession, refreshSession, SESSION_ENDED, sessionChanged } from './session';

const MeDocument = graphql(`
  query Me {
    me {
      id
      username
      displayName
      unreadMessageCount
    }
  }
`);

const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

export type Me = NonNullable<MeQuery['me']>;

interface Auth {
  me: Me | null;
  loading: boolean;
  /** Reads `me` again from the gateway (after signing in, for the unread count). */
  reload(): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth>({ me: null, loading: true, reload: () => {}, signOut: async () => {} });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [{ data, fetching }, reexecute] = useQuery({ query: MeDocument, requestPolicy: 'network-only' });
  const [, logout] = useMutation(LogoutDocument);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  // A refused refresh (signed out elsewhere, password changed, expired): ask who we are, which shows the sign-in links.
  useEffect(() => {
    window.addEventListener(SESSION_ENDED, reload);
    return () => window.removeEventListener(SESSION_ENDED, reload);
  }, [reload]);
  const signOut = useCallback(async () => {
    await logout({});
    sessionChanged(false);
    // A fresh page drops every cached answer and open subscription of the old session.
    window.location.assign('/signin');
  }, [logout]);
  // Signed in earlier but anonymous now: the access cookie expired while the page was closed. Refresh once, then ask again.
  const [refreshing, setRefreshing] = useState(false);
  const anonymous = data !== undefined && !data.me;
  useEffect(() => {
    if (!anonymous || !mayHaveSession()) return;
    setRefreshing(true);
    void refreshSession().then((ok) => {
      setRefreshing(false);
      if (ok) reload();
    });
  }, [anonymous, reload]);
  const value = useMemo(() => ({ me: data?.me ?? null, loading: (fetching && !data) || refreshing, reload, signOut }), [data, fetching, refreshing, reload, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);
