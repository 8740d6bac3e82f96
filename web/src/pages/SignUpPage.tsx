import type { FormEvent } from 'react';
import { signUpRequest } from '../api/schemas';
import { Link, navigate, withQuery } from '../app/router';
import { useSession } from '../app/session';
import { RadioGroup, TextField } from '../forms/fields';
import { ErrorSummary } from '../forms/ErrorSummary';
import { TimeZoneSelect } from '../forms/pickers';
import { detectedTimeZone } from '../forms/places';
import { useForm } from '../forms/useForm';
import { check } from '../forms/validation';
import { Page } from '../ui/Page';

const labels: Record<string, string> = {
  role: 'Account type',
  name: 'Full name',
  email: 'Email address',
  password: 'Password',
  phone: 'Phone number',
  timeZone: 'Time zone',
};

/** Create an account: role, contact details and time zone (detected from the browser, editable). */
export function SignUpPage() {
  const { api } = useSession();
  const detected = detectedTimeZone();
  const form = useForm({ role: '', name: '', email: '', password: '', phone: '', timeZone: detected });
  const { value, set, errors } = form;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(signUpRequest, { ...value, role: value.role || undefined });
    if (!checked.ok) {
      form.fail(checked.errors.role ? { ...checked.errors, role: 'choose performer or director' } : checked.errors);
      return;
    }
    void form.submit(async () => {
      await api.send('POST', '/auth/signup', checked.data);
      navigate(withQuery('/confirm', { email: checked.data.email }), {
        flash:
          'Check your email: enter the code we sent you to finish. If this address already has an account, ' +
          'we emailed its owner instead: sign in.',
      });
    });
  };

  return (
    <Page title="Create an account">
      <ErrorSummary errors={errors} labelOf={(path) => labels[path] ?? path} attempt={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <RadioGroup
          path="role"
          legend="I am a…"
          errors={errors}
          value={value.role}
          onChange={set('role')}
          choices={[
            { value: 'performer', label: 'Performer', hint: 'Actor, singer, dancer, comedian…: I find auditions.' },
            {
              value: 'director',
              label: 'Director or casting director',
              hint: 'I post performances and cast performers.',
            },
          ]}
          hint="You cannot change this later."
        />
        <TextField
          path="name"
          label="Full name"
          errors={errors}
          value={value.name}
          onChange={set('name')}
          autoComplete="name"
        />
        <TextField
          path="email"
          label="Email address"
          type="email"
          errors={errors}
          value={value.email}
          onChange={set('email')}
          autoComplete="email"
          hint="We send a confirmation code to this address."
        />
        <TextField
          path="password"
          label="Password"
          type="password"
          errors={errors}
          value={value.password}
          onChange={set('password')}
          autoComplete="new-password"
          hint="At least 8 characters."
        />
        <TextField
          path="phone"
          label="Phone number"
          type="tel"
          errors={errors}
          value={value.phone}
          onChange={set('phone')}
          autoComplete="tel"
          hint="In international form: + and the country code, e.g. +442071838750."
        />
        <TimeZoneSelect
          path="timeZone"
          label="Time zone"
          errors={errors}
          value={value.timeZone}
          onChange={set('timeZone')}
          hint={`Detected from this device: ${detected}. Reminders arrive at 7 pm the evening before, in this zone.`}
        />
        <button type="submit" disabled={form.busy}>
          {form.busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </Page>
  );
}
