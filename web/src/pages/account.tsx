import { errorMessage } from '@social-api/client';
import { useCallback, useEffect, useState } from 'react';
import { api, type SessionOut } from '../api';
import { useAuth, useUser } from '../auth';
import { Field, FormError, formErrors, Notice, useSubmit } from '../forms';
import { navigate } from '../router';

export function AccountPage() {
  const user = useUser();
  return (
    <main className="narrow">
      <h1>Your account</h1>
      <p>
        Logged in as <strong>{user.email}</strong>, member since {new Date(user.created_at).toLocaleDateString()}.
      </p>
      <Sessions />
      <ChangePassword />
      <DeleteAccount />
    </main>
  );
}

/** A browser's user agent, shortened to what a person recognises. */
function deviceName(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const browser = /(Firefox|Edg|OPR|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[1]?.replace('Edg', 'Edge').replace('OPR', 'Opera');
  const system = /(Android|iPhone|iPad|Windows|Mac OS X|Linux)/.exec(userAgent)?.[1]?.replace('Mac OS X', 'macOS');
  return browser ? `${browser}${system ? ` on ${system}` : ''}` : userAgent.slice(0, 60);
}

function Sessions() {
  const { ended } = useAuth();
  const [sessions, setSessions] = useState<SessionOut[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/users/me/sessions');
    if (data) setSessions(data);
    else setError(errorMessage(error, 'Your sessions could not be loaded.'));
  }, []);
  useEffect(() => void load(), [load]);

  const end = async (session: SessionOut) => {
    const { error, response } = await api.DELETE('/users/me/sessions/{id}', { params: { path: { id: session.id } } });
    if (!response.ok) return setError(errorMessage(error, 'That session could not be ended.'));
    if (session.current) return ended('You have logged out of this device.');
    setNotice(`${deviceName(session.user_agent)} is logged out.`);
    await load();
  };
  const endAll = async () => {
    const { error, response } = await api.DELETE('/users/me/sessions');
    if (!response.ok) return setError(errorMessage(error, 'Your sessions could not be ended.'));
    ended('You have logged out everywhere.');
  };

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are logged in</h2>
      <Notice message={notice} />
      <FormError message={error} />
      {!sessions ? (
        <p>Loading…</p>
      ) : (
        <ul className="sessions">
          {sessions.map((session) => (
            <li key={session.id}>
              <div>
                <strong>{deviceName(session.user_agent)}</strong> {session.current && <span className="badge">This device</span>}
                <p className="meta">
                  Logged in <time dateTime={session.created_at}>{new Date(session.created_at).toLocaleString()}</time>, last active{' '}
                  <time dateTime={session.last_used_at}>{new Date(session.last_used_at).toLocaleString()}</time>
                </p>
              </div>
              <button type="button" onClick={() => void end(session)}>
                {session.current ? 'Log out this device' : 'Log out that device'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="danger" onClick={() => void endAll()}>
        Log out everywhere
      </button>
    </section>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState<string>();
  const { submit, pending, errors } = useSubmit(async () => {
    setDone(undefined);
    const { error, response } = await api.PUT('/users/me/password', { body: { current_password: current, new_password: next } });
    if (!response.ok) {
      const result = formErrors(error, response, ['current_password', 'new_password']);
      // 403: the current password is wrong.
      return response.status === 403 ? { fields: { current_password: 'That is not your current password.' } } : result;
    }
    setCurrent('');
    setNext('');
    setDone('Your password has been changed. Your other devices are logged out.');
  });
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <form onSubmit={submit} noValidate>
        <Field label="Current password" type="password" name="current_password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={errors.fields.current_password} />
        <Field label="New password" type="password" name="new_password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} error={errors.fields.new_password} hint="At least 8 characters." />
        <FormError message={errors.form} />
        <Notice message={done} />
        <button type="submit" className="primary" disabled={pending}>
          Change password
        </button>
      </form>
    </section>
  );
}

function DeleteAccount() {
  const { ended } = useAuth();
  const [password, setPassword] = useState('');
  const { submit, pending, errors } = useSubmit(async () => {
    const { error, response } = await api.DELETE('/users/me', { body: { password } });
    if (!response.ok) {
      return response.status === 403 ? { fields: { password: 'That is not your password.' } } : formErrors(error, response, ['password']);
    }
    ended('Your account and your posts have been deleted.');
    navigate('/login', { replace: true });
  });
  return (
    <section aria-labelledby="delete-heading" className="danger-zone">
      <h2 id="delete-heading">Delete your account</h2>
      <p>Your posts and votes are deleted with it. This cannot be undone.</p>
      <form onSubmit={submit} noValidate>
        <Field label="Password to confirm" type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.fields.password} />
        <FormError message={errors.form} />
        <button type="submit" className="danger" disabled={pending}>
          Delete my account
        </button>
      </form>
    </section>
  );
}
