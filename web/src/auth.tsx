import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from './__generated__';
import type { MeQuery } from './__generated__/graphql';
import { sessionChanged } from './session';

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
  const signOut = useCallback(async () => {
    await logout({});
    sessionChanged();
    // A fresh page drops every cached answer and open subscription of the old session.
    window.location.assign('/signin');
  }, [logout]);
  const value = useMemo(() => ({ me: data?.me ?? null, loading: fetching && !data, reload, signOut }), [data, fetching, reload, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);
