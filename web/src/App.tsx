import { lazy, Suspense, type ReactNode } from 'react';
import { Link, NavLink, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth';
import { NotificationsBell } from './Notifications';
import { AuthScreen } from './screens/Auth';
import { Home } from './screens/Home';

// Heavier screens load on first visit, keeping the first download small.
const Chat = lazy(() => import('./screens/Chat'));
const Watch = lazy(() => import('./screens/Watch'));
const Search = lazy(() => import('./screens/Search'));
const Upload = lazy(() => import('./screens/Upload'));
const Assistant = lazy(() => import('./screens/Assistant'));
const Profile = lazy(() => import('./screens/Profile'));
const Favourites = lazy(() => import('./screens/Favourites'));
// GraphiQL and its editor are megabytes: only ever loaded at /explorer.
const Explorer = lazy(() => import('./screens/Explorer'));

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <p role="status">Loading…</p>;
  if (!me) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function Header() {
  const { me, signOut } = useAuth();
  return (
    <header className="top">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Link to="/" className="brand" aria-label="vidhub home">
        vidhub
      </Link>
      <nav aria-label="Main">
        <NavLink to="/" end>
          Home
        </NavLink>
        <NavLink to="/search">Search</NavLink>
        {me && <NavLink to="/upload">Upload</NavLink>}
        {me && <NavLink to="/assistant">Assistant</NavLink>}
        {me && <NavLink to="/favourites">Favourites</NavLink>}
        <NavLink to="/chat">
          Chat
          {me?.unreadMessageCount ? (
            <span className="badge">
              {me.unreadMessageCount}
              <span className="visually-hidden"> unread</span>
            </span>
          ) : null}
        </NavLink>
        <NavLink to="/explorer">API</NavLink>
      </nav>
      <div className="account">
        {me ? (
          <>
            <NotificationsBell key={me.id} />
            <Link to={`/u/${me.username}`} className="who" title={`Your profile (@${me.username})`}>
              {me.displayName}
            </Link>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        ) : (
          <>
            <NavLink to="/signin">Sign in</NavLink>
            <NavLink to="/signup">Sign up</NavLink>
          </>
        )}
      </div>
    </header>
  );
}

export function App() {
  return (
    <AuthProvider>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/signin" element={<AuthScreen mode="signin" />} />
            <Route path="/signup" element={<AuthScreen mode="signup" />} />
            <Route path="/search" element={<Search />} />
            <Route path="/watch/:id" element={<Watch />} />
            <Route path="/u/:username" element={<Profile />} />
            <Route path="/explorer" element={<Explorer />} />
            <Route
              path="/favourites"
              element={
                <RequireSignIn>
                  <Favourites />
                </RequireSignIn>
              }
            />
            <Route
              path="/assistant"
              element={
                <RequireSignIn>
                  <Assistant />
                </RequireSignIn>
              }
            />
            <Route
              path="/upload"
              element={
                <RequireSignIn>
                  <Upload />
                </RequireSignIn>
              }
            />
            <Route
              path="/chat/:id?"
              element={
                <RequireSignIn>
                  <Chat />
                </RequireSignIn>
              }
            />
            <Route path="*" element={<p>Nothing here. <Link to="/">Go home</Link></p>} />
          </Routes>
        </Suspense>
      </main>
    </AuthProvider>
  );
}
