import { useEffect, useRef, useState } from 'react';
import { api, type SessionOut } from '../api';
import { useAuth, useUser } from '../auth';
import { problemMessage } from '../errors';
import { endingSession } from '../live';
import { Field, FormError, formErrors, Notice, useSubmit } from '../forms';
import { isValidationError } from '@social-api/client';
import type { Brief, Profile } from '../api';
import { profileChanged, queryClient, SESSIONS, useBlock, useBlocks, useProfile, useSessions } from '../queries';
import { Link, navigate } from '../router';
import { RelativeTime } from '../text';
import { PersonLink, profilePath } from './people';

const PROFILE_FIELDS = ['username', 'display_name', 'bio'] as const;

/** Your username, display name and bio (PATCH /users/me); each problem at its field. */
function ProfileSettings() {
  const user = useUser();
  const profile = useProfile(user.username);
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your profile</h2>
      {profile.data ? (
        <ProfileForm profile={profile.data} />
      ) : profile.error ? (
        <FormError message={profile.error.message} />
      ) : (
        <p role="status">Loading…</p>
      )}
    </section>
  );
}

function ProfileForm({ profile }: { profile: Profile }) {
  const { renamed } = useAuth();
  const [username, setUsername] = useState(profile.username);
  const [displayName, setDisplayName] = useState(profile.display_name);
  const [bio, setBio] = useState(profile.bio);
  const [done, setDone] = useState<string>();
  const { submit, pending, errors } = useSubmit(async () => {
    setDone(undefined);
    const { data, error, response } = await api.PATCH('/users/me', { body: { username: username.trim(), display_name: displayName.trim(), bio } });
    if (!data) {
      if (response.status === 409) return { fields: { username: 'This username is taken. Choose another one.' } };
      const result = formErrors(error, response, PROFILE_FIELDS, 'Your profile was not saved');
      const badCharacters = isValidationError(error) && error.detail.some((issue) => issue.loc[1] === 'username' && issue.type === 'string_pattern_mismatch');
      if (badCharacters) result.fields.username = 'Use only letters (A–Z), digits and _, without spaces.';
      return result;
    }
    setUsername(data.username);
    setDisplayName(data.display_name);
    setBio(data.bio);
    renamed(data.username);
    profileChanged(data);
    setDone('Your profile was saved.');
  });
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={30}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={errors.fields.username}
        hint="3 to 30 letters, digits or _. Your profile’s address and @name."
      />
      <Field label="Display name" name="display_name" autoComplete="name" maxLength={50} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors.fields.display_name} hint="Up to 50 characters. Empty: your @username is shown." />
      <Field label="Bio" name="bio" multiline rows={3} maxLength={500} value={bio} onChange={(e) => setBio(e.target.value)} error={errors.fields.bio} hint="Up to 500 characters, shown on your profile." />
      <FormError message={errors.form} />
      <Notice message={done} />
      <button type="submit" className="primary" disabled={pending}>
        Save profile
      </button>
    </form>
  );
}

/** The accounts you blocked, each with Unblock. */
function BlockedAccounts() {
  const blocks = useBlocks();
  return (
    <section aria-labelledby="blocks-heading">
      <h2 id="blocks-heading">Blocked accounts</h2>
      <FormError message={blocks.error?.message} />
      {blocks.data ? (
        blocks.data.length === 0 ? (
          <p>You have not blocked anyone. Block someone from their profile.</p>
        ) : (
          <ul className="people" aria-label="Blocked accounts">
            {blocks.data.map((person) => (
              <BlockedAccount key={person.id} person={person} />
            ))}
          </ul>
        )
      ) : (
        !blocks.error && <p>Loading…</p>
      )}
    </section>
  );
}

function BlockedAccount({ person }: { person: Brief }) {
  const unblock = useBlock(person.username);
  return (
    <li>
      <PersonLink username={person.username} displayName={person.display_name} />
      <button type="button" disabled={unblock.isPending} onClick={() => unblock.mutate(false)}>
        Unblock<span className="visually-hidden"> @{person.username}</span>
      </button>
      {unblock.error && (
        <span className="field-error" role="alert">
          {unblock.error.message}
        </span>
      )}
    </li>
  );
}

export function AccountPage() {
  const user = useUser();
  return (
    <main className="narrow">
      <h1>Your account</h1>
      <p>
        Logged in as <strong>{user.email}</strong>, member since {new Date(user.created_at).toLocaleDateString()}. Your profile:{' '}
        <Link to={profilePath(user.username)}>@{user.username}</Link>.
      </p>
      <ProfileSettings />
      <BlockedAccounts />
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
  const sessions = useSessions();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [askingAll, setAskingAll] = useState(false);
  const confirmAll = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (askingAll) confirmAll.current?.focus();
  }, [askingAll]);

  const end = async (session: SessionOut) => {
    setError(undefined);
    const remove = () => api.DELETE('/users/me/sessions/{id}', { params: { path: { id: session.id } } }).catch(() => undefined);
    const answer = await (session.current ? endingSession(remove) : remove());
    if (!answer?.response.ok) return setError(problemMessage(answer?.error, answer?.response, 'That device could not be logged out'));
    if (session.current) return ended('You have logged out of this device.');
    setNotice(`${deviceName(session.user_agent)} is logged out.`);
    await queryClient.invalidateQueries({ queryKey: SESSIONS });
  };
  const endAll = async () => {
    setError(undefined);
    const answer = await endingSession(() => api.DELETE('/users/me/sessions').catch(() => undefined));
    if (!answer?.response.ok) return setError(problemMessage(answer?.error, answer?.response, 'Your devices could not be logged out'));
    ended('You have logged out everywhere.');
  };

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are logged in</h2>
      <Notice message={notice} />
      <FormError message={error ?? sessions.error?.message} />
      {sessions.data ? (
        <ul className="sessions">
          {sessions.data.map((session) => (
            <li key={session.id}>
              <div>
                <strong>{deviceName(session.user_agent)}</strong> {session.current && <span className="badge">This device</span>}
                <p className="meta">
                  Logged in <RelativeTime iso={session.created_at} />, last active <RelativeTime iso={session.last_used_at} />
                </p>
              </div>
              <button type="button" onClick={() => void end(session)}>
                {session.current ? 'Log out this device' : 'Log out that device'}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        !sessions.error && <p>Loading…</p>
      )}
      {askingAll ? (
        <div className="confirm" role="group" aria-label="Log out everywhere?">
          <span>Log out on every device, this one too?</span>
          <button type="button" ref={confirmAll} className="danger" onClick={() => void endAll()}>
            Yes, log out everywhere
          </button>
          <button type="button" onClick={() => setAskingAll(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setAskingAll(true)}>
          Log out everywhere
        </button>
      )}
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
      const result = formErrors(error, response, ['current_password', 'new_password'], 'Your password was not changed');
      // 403: the current password is wrong.
      return response.status === 403 ? { fields: { current_password: 'That is not your current password.' } } : result;
    }
    setCurrent('');
    setNext('');
    setDone('Your password has been changed. Your other devices are logged out.');
    // The list of devices shrank to this one.
    await queryClient.invalidateQueries({ queryKey: SESSIONS });
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
    const { error, response } = await endingSession(() => api.DELETE('/users/me', { body: { password } }));
    if (!response.ok) {
      return response.status === 403 ? { fields: { password: 'That is not your password.' } } : formErrors(error, response, ['password'], 'Your account was not deleted');
    }
    ended('Your account and your posts have been deleted.');
    navigate('/login', { replace: true, force: true });
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
