import { useEffect } from 'react';
import { useAuth } from './auth';
import { AccountPage } from './pages/account';
import { ForgotPasswordPage, LoginPage, ResetPasswordPage, SignupPage } from './pages/auth-pages';
import { EditorPage } from './pages/editor';
import { FeedPage } from './pages/feed';
import { Link, match, navigate, useLocation } from './router';

/** Pages anyone may open; every other page needs a logged-in user. */
const PUBLIC = ['/login', '/signup', '/forgot-password', '/reset-password'];

export function App() {
  const { state, logOut } = useAuth();
  const location = useLocation();
  const { path } = location;
  const isPublic = PUBLIC.includes(path.replace(/\/$/, ''));

  useEffect(() => {
    if (state.status === 'out' && !isPublic) navigate('/login', { replace: true, notice: state.notice });
    if (state.status === 'in' && (path === '/login' || path === '/signup')) navigate('/', { replace: true });
  }, [state, isPublic, path]);

  useEffect(() => {
    const h1 = document.querySelector('h1')?.textContent;
    document.title = h1 ? `${h1} · Social` : 'Social';
  });

  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          <span aria-hidden="true">▲</span> Social
        </Link>
        <nav aria-label="Main">
          {state.status === 'in' ? (
            <>
              <Link to="/" aria-current={path === '/' ? 'page' : undefined}>
                Feed
              </Link>
              <Link to="/posts/new" aria-current={path === '/posts/new' ? 'page' : undefined}>
                Write
              </Link>
              <Link to="/account" aria-current={path === '/account' ? 'page' : undefined}>
                Account
              </Link>
              <button type="button" className="link" onClick={() => void logOut()}>
                Log out
              </button>
            </>
          ) : (
            <>
              <Link to="/login">Log in</Link>
              <Link to="/signup">Sign up</Link>
            </>
          )}
        </nav>
      </header>
      <div id="content">{page(state, location)}</div>
    </>
  );
}

function page(state: ReturnType<typeof useAuth>['state'], { path, search, notice }: ReturnType<typeof useLocation>) {
  const clean = path.replace(/\/$/, '') || '/';
  if (clean === '/forgot-password') return <ForgotPasswordPage />;
  if (clean === '/reset-password') return <ResetPasswordPage token={search.get('token')} />;
  if (state.status === 'loading') return <p className="loading" role="status">Loading…</p>;
  if (clean === '/login') return <LoginPage notice={notice ?? (state.status === 'out' ? state.notice : undefined)} />;
  if (clean === '/signup') return <SignupPage />;
  if (state.status !== 'in') return null;
  if (clean === '/') return <FeedPage key={notice ?? ''} notice={notice} />;
  if (clean === '/account') return <AccountPage />;
  if (clean === '/posts/new') return <EditorPage />;
  const edit = match('/posts/:id/edit', clean);
  if (edit && /^\d+$/.test(edit.id)) return <EditorPage key={edit.id} id={Number(edit.id)} />;
  return (
    <main className="narrow">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to the feed</Link>
      </p>
    </main>
  );
}
