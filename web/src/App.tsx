import { useEffect } from 'react';
import { useAuth } from './auth';
import { useLiveUpdates } from './live';
import { AccountPage } from './pages/account';
import { ForgotPasswordPage, LoginPage, ResetPasswordPage, SignupPage } from './pages/auth-pages';
import { EditorPage } from './pages/editor';
import { FeedPage } from './pages/feed';
import { NotificationsPage } from './pages/notifications';
import { profilePath } from './pages/people';
import { PostPage } from './pages/post';
import { ProfilePage, type ProfileTab } from './pages/profile';
import { useUnreadCount } from './queries';
import { currentTarget, Link, type Location, match, navigate, useLocation } from './router';

/** Pages anyone may open; every other page needs a logged-in user. */
const PUBLIC = ['/login', '/signup', '/forgot-password', '/reset-password'];

/** The page to go on to after logging in: one of this app's (never another site's, `//host`). */
function nextPage(search: URLSearchParams): string {
  const next = search.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function App() {
  const { state, logOut } = useAuth();
  const location = useLocation();
  const { path } = location;
  const clean = path.replace(/\/$/, '') || '/';
  const isPublic = PUBLIC.includes(clean);
  useLiveUpdates(state.status === 'in' ? state.user.id : undefined);

  useEffect(() => {
    // Logged out on a page that needs a user: log in, then come back to it.
    if (state.status === 'out' && !isPublic) {
      const next = currentTarget();
      navigate(next === '/' ? '/login' : `/login?${new URLSearchParams({ next })}`, { replace: true, notice: state.notice, force: true });
    }
    if (state.status === 'in' && (clean === '/login' || clean === '/signup')) navigate(nextPage(location.search), { replace: true, force: true });
  }, [state, isPublic, clean, location.search]);

  useEffect(() => {
    const h1 = document.querySelector('h1')?.textContent;
    document.title = h1 ? `${h1} · Social` : 'Social';
  });

  const current = (to: string) => (clean === to ? 'page' : undefined);
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
              <Link to="/" aria-current={current('/')}>
                Home
              </Link>
              <Link to="/all" aria-current={current('/all')}>
                Everyone
              </Link>
              <Link to="/posts/new" aria-current={current('/posts/new')}>
                Write
              </Link>
              <NotificationsLink current={current('/notifications')} />
              <Link to={profilePath(state.user.username)} aria-current={clean.toLowerCase() === profilePath(state.user.username).toLowerCase() ? 'page' : undefined}>
                Profile
              </Link>
              <Link to="/account" aria-current={current('/account')}>
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
      <div id="content">{page(state, location, clean)}</div>
    </>
  );
}

function page(state: ReturnType<typeof useAuth>['state'], { search, notice }: Location, path: string) {
  if (path === '/forgot-password') return <ForgotPasswordPage />;
  if (path === '/reset-password') return <ResetPasswordPage token={search.get('token')} />;
  if (state.status === 'loading') return <p className="loading" role="status">Loading…</p>;
  if (path === '/login') return <LoginPage notice={notice ?? (state.status === 'out' ? state.notice : undefined)} next={nextPage(search)} />;
  if (path === '/signup') return <SignupPage />;
  if (state.status !== 'in') return null;
  if (path === '/') return <FeedPage key="home" kind="home" notice={notice} />;
  if (path === '/all') return <FeedPage key="all" kind="all" search={search.get('search')?.trim() ?? ''} notice={notice} />;
  if (path === '/account') return <AccountPage />;
  if (path === '/notifications') return <NotificationsPage />;
  const profile = match('/@:username/:tab', path) ?? match('/@:username', path);
  if (profile && (!profile.tab || profile.tab === 'followers' || profile.tab === 'following')) {
    return <ProfilePage key={profile.username.toLowerCase()} username={profile.username} tab={(profile.tab as ProfileTab | undefined) ?? 'posts'} notice={notice} />;
  }
  if (path === '/posts/new') return <EditorPage />;
  const edit = match('/posts/:id/edit', path);
  if (edit && /^\d+$/.test(edit.id)) return <EditorPage key={edit.id} id={Number(edit.id)} />;
  const post = match('/posts/:id', path);
  if (post && /^\d+$/.test(post.id)) return <PostPage key={post.id} id={Number(post.id)} />;
  return (
    <main className="narrow">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to your feed</Link>
      </p>
    </main>
  );
}

/** "Notifications", with the number of unread ones (read again every minute and on focus). */
function NotificationsLink({ current }: { current?: 'page' }) {
  const unread = useUnreadCount(true);
  const count = unread.data ?? 0;
  return (
    <Link to="/notifications" aria-current={current} className="nav-notifications">
      Notifications
      {count > 0 && ' '}
      {count > 0 && (
        <span className="count-badge">
          {count > 99 ? '99+' : count}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </Link>
  );
}
