import type { FormEvent } from 'react';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { logInRequest } from '../api/schemas';
import { Link, navigate, useLocation, withQuery } from '../app/router';
import { homeOf, useSession } from '../app/session';
import { TextField } from '../forms/fields';
import { ErrorSummary } from '../forms/ErrorSummary';
import { useForm } from '../forms/useForm';
import { check } from '../forms/validation';
import { Page } from '../ui/Page';

const labels: Record<string, string> = { email: 'Email address', password: 'Password' };

/**
 * Sign in. Shown at /sign-in, and in place of any page that needs an account (`next` is then that page, and
 * it opens once signed in).
 */
export function SignInPage({ next }: { readonly next?: string }) {
  const { signIn, state } = useSession();
  const { query } = useLocation();
  const form = useForm({ email: query.get('email') ?? '', password: '' });
  const [unconfirmed, setUnconfirmed] = useState<string>();
  const { value, set, errors } = form;
  const reason = state.status === 'signed-out' ? state.reason : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setUnconfirmed(undefined);
    const checked = check(logInRequest, value);
    if (!checked.ok) return form.fail(checked.errors);
    void form.submit(
      async () => {
        const profile = await signIn(checked.data.email, checked.data.password);
        navigate(next ?? query.get('next') ?? homeOf(profile.role), { replace: Boolean(next) });
      },
      (fields, error) => {
        if (error instanceof ApiError && error.code === 'user-not-confirmed') setUnconfirmed(checked.data.email);
        return fields;
      },
    );
  };

  return (
    <Page title="Sign in" lead={next ? 'Sign in to see this page.' : undefined}>
      {reason && (
        <p role="status" className="notice notice-info">
          {reason}
        </p>
      )}
      {state.status === 'signed-in' && (
        <p role="status" className="notice notice-info">
          You are signed in already, as {state.profile.email}. <Link to={homeOf(state.profile.role)}>Go on</Link>, or
          sign in below with another account.
        </p>
      )}
      <ErrorSummary errors={errors} labelOf={(path) => labels[path] ?? path} attempt={form.attempt} />
      {unconfirmed && (
        <p className="notice notice-info">
          <Link to={withQuery('/confirm', { email: unconfirmed })}>Confirm your email address</Link> first, with the
          code we sent.
        </p>
      )}
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField
          path="email"
          label="Email address"
          type="email"
          errors={errors}
          value={value.email}
          onChange={set('email')}
          autoComplete="username"
        />
        <TextField
          path="password"
          label="Password"
          type="password"
          errors={errors}
          value={value.password}
          onChange={set('password')}
          autoComplete="current-password"
        />
        <button type="submit" disabled={form.busy}>
          {form.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New here? <Link to="/sign-up">Create an account</Link>. Have a code to enter?{' '}
        <Link to={withQuery('/confirm', { email: value.email })}>Confirm your email address</Link>.
      </p>
    </Page>
  );
}
