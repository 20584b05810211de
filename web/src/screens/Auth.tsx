import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../__generated__';
import { useAuth } from '../auth';
import { describeError } from '../errors';
import { sessionChanged } from '../session';

const LoginDocument = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password, delivery: COOKIE) {
      user {
        id
      }
    }
  }
`);

const RegisterDocument = graphql(`
  mutation Register($username: String!, $password: String!, $displayName: String) {
    register(username: $username, password: $password, displayName: $displayName, delivery: COOKIE) {
      user {
        id
      }
    }
  }
`);

export function AuthScreen({ mode }: { mode: 'signin' | 'signup' }) {
  const signup = mode === 'signup';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [login, doLogin] = useMutation(LoginDocument);
  const [register, doRegister] = useMutation(RegisterDocument);
  const [error, setError] = useState<string>();
  const { reload, me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const ids = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [mode]);
  useEffect(() => {
    if (me) void navigate(from, { replace: true });
  }, [me, from, navigate]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const result = signup ? await doRegister({ username, password, displayName: displayName || null }) : await doLogin({ username, password });
    if (result.error) {
      setError(describeError(result.error));
      return;
    }
    sessionChanged(true);
    reload();
  };
  const busy = login.fetching || register.fetching;

  return (
    <section className="auth card" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`} ref={heading} tabIndex={-1}>
        {signup ? 'Create your account' : 'Sign in'}
      </h1>
      <form onSubmit={(e) => void submit(e)} noValidate={false}>
        <label htmlFor={`${ids}-u`}>Username</label>
        <input id={`${ids}-u`} name="username" autoComplete="username" required minLength={3} maxLength={32} pattern="[A-Za-z0-9_]+" value={username} onChange={(e) => setUsername(e.target.value)} />
        {signup && (
          <>
            <label htmlFor={`${ids}-d`}>Display name (optional)</label>
            <input id={`${ids}-d`} name="displayName" autoComplete="nickname" maxLength={40} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </>
        )}
        <label htmlFor={`${ids}-p`}>Password</label>
        <input
          id={`${ids}-p`}
          name="password"
          type="password"
          autoComplete={signup ? 'new-password' : 'current-password'}
          required
          minLength={8}
          maxLength={128}
          aria-describedby={signup ? `${ids}-ph` : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {signup && (
          <p id={`${ids}-ph`} className="hint">
            8–128 characters with a letter and a digit, not containing your username.
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {signup ? 'Sign up' : 'Sign in'}
        </button>
      </form>
      <p>
        {signup ? (
          <>
            Have an account? <Link to="/signin" state={location.state}>Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link to="/signup" state={location.state}>Create an account</Link>
          </>
        )}
      </p>
    </section>
  );
}
