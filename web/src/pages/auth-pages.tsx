import { AuthError } from '@social-api/client';
import { useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { Field, FormError, formErrors, Notice, useSubmit } from '../forms';
import { Link, navigate } from '../router';

/** `next`: the page asked for before logging in, to go on to afterwards. */
export function LoginPage({ notice, next }: { notice?: string; next: string }) {
  const { logIn } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submit, pending, errors } = useSubmit(async () => {
    try {
      await logIn(email, password);
      navigate(next, { replace: true });
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      // /login is a form: its 422 `loc`s are ["body", "username"] for the e-mail.
      const { fields, form } = formErrors(err.body, new Response(null, { status: err.status, headers: err.headers }), ['username', 'password'], 'You are not logged in');
      return { fields: { email: fields.username, password: fields.password }, form };
    }
  });
  return (
    <main className="narrow">
      <h1>Log in</h1>
      <Notice message={notice} />
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <Field label="Password" type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errors.fields.password} />
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </main>
  );
}

export function SignupPage() {
  const { logIn } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submit, pending, errors } = useSubmit(async () => {
    const { error, response } = await api.POST('/users', { body: { email, password } });
    if (error) {
      const errors = formErrors(error, response, ['email', 'password'], 'Your account was not created');
      // 409: the address is taken, which is about the e-mail field.
      return response.status === 409 ? { fields: { email: errors.form ?? '' } } : errors;
    }
    await logIn(email, password);
    navigate('/', { replace: true });
  });
  return (
    <main className="narrow">
      <h1>Create an account</h1>
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
          hint="At least 8 characters."
        />
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Creating…' : 'Sign up'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string>();
  const { submit, pending, errors } = useSubmit(async () => {
    const { data, error, response } = await api.POST('/password-reset', { body: { email } });
    if (error) return formErrors(error, response, ['email'], 'No link was sent');
    setSent(data.message);
  });
  return (
    <main className="narrow">
      <h1>Forgot your password?</h1>
      {sent ? (
        <Notice message={`${sent}. The link is valid for 30 minutes.`} />
      ) : (
        <form onSubmit={submit} noValidate>
          <p>Enter the address you signed up with, and we will mail you a link to choose a new password.</p>
          <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
          <FormError message={errors.form} />
          <button type="submit" className="primary" disabled={pending}>
            Send reset link
          </button>
        </form>
      )}
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </main>
  );
}

/** The page the reset mail links to (PASSWORD_RESET_URL, `?token=` appended). */
export function ResetPasswordPage({ token }: { token: string | null }) {
  const { ended } = useAuth();
  const [password, setPassword] = useState('');
  const [expired, setExpired] = useState(false);
  const { submit, pending, errors } = useSubmit(async () => {
    const { error, response } = await api.POST('/password-reset/confirm', { body: { token: token ?? '', new_password: password } });
    if (response.status === 400) return void setExpired(true);
    if (error) return formErrors(error, response, ['new_password'], 'Your password was not changed');
    // Every session of the account ended, this browser's too.
    ended('Your password has been changed. Log in with the new one.');
    navigate('/login', { replace: true, force: true });
  });
  if (!token || expired) {
    return (
      <main className="narrow">
        <h1>Choose a new password</h1>
        <p className="form-error" role="alert">
          {token ? 'This reset link is invalid or has expired.' : 'This page needs the link from the reset e-mail.'}
        </p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>Choose a new password</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label="New password"
          type="password"
          name="new_password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.new_password}
          hint="At least 8 characters. Every device logged in to your account is logged out."
        />
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={pending}>
          Set new password
        </button>
      </form>
    </main>
  );
}

