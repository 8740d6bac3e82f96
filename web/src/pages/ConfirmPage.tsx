import type { FormEvent } from 'react';
import { ApiError } from '../api/client';
import { confirmSignUpRequest } from '../api/schemas';
import { useConfig } from '../app/config';
import { Link, navigate, useLocation, withQuery } from '../app/router';
import { useSession } from '../app/session';
import { TextField } from '../forms/fields';
import { ErrorSummary } from '../forms/ErrorSummary';
import { useForm } from '../forms/useForm';
import { check } from '../forms/validation';
import { Page } from '../ui/Page';

const labels: Record<string, string> = { email: 'Email address', code: 'Confirmation code' };

/** Where the code is: the inbox in AWS; the terminal and a local endpoint with `npm start`. */
function WhereIsTheCode({ email }: { readonly email: string }) {
  const config = useConfig();
  if (!config.local) {
    return <p>We emailed you a confirmation code. It can take a minute to arrive; check your spam folder too.</p>;
  }
  const codeUrl = `${config.apiUrl}/__local/confirmation-code?email=${encodeURIComponent(email || 'YOU@EXAMPLE.COM')}`;
  return (
    <div className="notice notice-info">
      <h2>Running locally: no email is sent</h2>
      <p>
        The code is printed in the terminal where <code>npm start</code> runs. You can also read it at{' '}
        <a href={codeUrl} target="_blank" rel="noreferrer">
          the local confirmation-code address<span className="visually-hidden"> (opens in a new tab)</span>
        </a>{' '}
        (<code className="break">{codeUrl}</code>).
      </p>
    </div>
  );
}

/** Confirm the emailed sign-up code. */
export function ConfirmPage() {
  const { api } = useSession();
  const { query } = useLocation();
  const form = useForm({ email: query.get('email') ?? '', code: '' });
  const { value, set, errors } = form;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(confirmSignUpRequest, value);
    if (!checked.ok) return form.fail(checked.errors);
    void form.submit(
      async () => {
        await api.send('POST', '/auth/confirm', checked.data);
        navigate(withQuery('/sign-in', { email: checked.data.email }), {
          flash: 'Your email address is confirmed. Sign in to start.',
        });
      },
      (fields, error) =>
        error instanceof ApiError && error.code === 'invalid-confirmation-code' ? { code: error.sentence } : fields,
    );
  };

  return (
    <Page title="Confirm your email address">
      <WhereIsTheCode email={value.email} />
      <ErrorSummary errors={errors} labelOf={(path) => labels[path] ?? path} attempt={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField
          path="email"
          label="Email address"
          type="email"
          errors={errors}
          value={value.email}
          onChange={set('email')}
          autoComplete="email"
        />
        <TextField
          path="code"
          label="Confirmation code"
          errors={errors}
          value={value.code}
          onChange={set('code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          hint="The digits from the newest email, e.g. 123456. No code, or it expired? Sign up again with this address: we send a new one."
          className="input-short"
        />
        <button type="submit" disabled={form.busy}>
          {form.busy ? 'Confirming…' : 'Confirm'}
        </button>
      </form>
      <p>
        Confirmed already (in another tab, or from an earlier email)?{' '}
        <Link to={withQuery('/sign-in', { email: value.email })}>Sign in</Link>.
      </p>
    </Page>
  );
}
