import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import type { MyProfileView } from '../api/schemas';
import { profilePatch } from '../api/schemas';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { TextField } from '../forms/fields';
import { ErrorSummary } from '../forms/ErrorSummary';
import { TimeZoneSelect } from '../forms/pickers';
import { useForm } from '../forms/useForm';
import { check, fieldId } from '../forms/validation';
import { Career } from '../ui/Career';
import { Page } from '../ui/Page';
import { ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';

interface CreditForm {
  readonly title: string;
  readonly role: string;
  readonly year: string;
  readonly company: string;
}

const creditLabels: Record<string, string> = { title: 'Title', role: 'Role', year: 'Year', company: 'Company' };

function labelOf(path: string): string {
  const credit = /^credits\.(\d+)\.(\w+)$/.exec(path);
  if (credit) return `Credit ${Number(credit[1]) + 1}, ${creditLabels[credit[2]!] ?? credit[2]}`;
  return { name: 'Full name', phone: 'Phone number', timeZone: 'Time zone', credits: 'Credits' }[path] ?? path;
}

function ProfileForm({
  profile,
  onSaved,
}: {
  readonly profile: MyProfileView;
  readonly onSaved: (p: MyProfileView) => void;
}) {
  const { api } = useSession();
  const form = useForm({
    name: profile.name,
    phone: profile.phone,
    timeZone: profile.timeZone,
    credits: profile.credits.map((c) => ({ ...c, year: String(c.year), company: c.company ?? '' })) as CreditForm[],
  });
  const [saved, setSaved] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const { value, set, errors } = form;

  const setCredit = (index: number, key: keyof CreditForm) => (next: string) =>
    form.setValue((v) => ({ ...v, credits: v.credits.map((c, i) => (i === index ? { ...c, [key]: next } : c)) }));
  const addCredit = () => {
    form.setValue((v) => ({ ...v, credits: [...v.credits, { title: '', role: '', year: '', company: '' }] }));
    const index = value.credits.length;
    requestAnimationFrame(() => document.getElementById(fieldId(`credits.${index}.title`))?.focus());
  };
  const removeCredit = (index: number) => {
    form.setValue((v) => ({ ...v, credits: v.credits.filter((_, i) => i !== index) }));
    addButton.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const checked = check(profilePatch, {
      name: value.name,
      phone: value.phone,
      timeZone: value.timeZone,
      credits: value.credits.map((c) => ({
        title: c.title,
        role: c.role,
        year: c.year.trim() === '' ? undefined : Number(c.year),
        company: c.company.trim() || undefined,
      })),
    });
    if (!checked.ok) return form.fail(checked.errors);
    void form.submit(async () => {
      await api.send('PATCH', '/me', checked.data);
      onSaved(await api.get<MyProfileView>('/me'));
      setSaved(true);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="edit-profile">
      <h2 id="edit-profile">Your details</h2>
      <ErrorSummary errors={errors} labelOf={labelOf} attempt={form.attempt} />
      <dl className="facts">
        <dt>Email</dt>
        <dd>{profile.email}</dd>
        <dt>Account</dt>
        <dd>{profile.role === 'performer' ? 'Performer' : 'Director or casting director'}</dd>
      </dl>
      <TextField
        path="name"
        label="Full name"
        errors={errors}
        value={value.name}
        onChange={set('name')}
        autoComplete="name"
      />
      <TextField
        path="phone"
        label="Phone number"
        type="tel"
        errors={errors}
        value={value.phone}
        onChange={set('phone')}
        autoComplete="tel"
        hint="In international form, e.g. +442071838750."
      />
      <TimeZoneSelect
        path="timeZone"
        label="Time zone"
        errors={errors}
        value={value.timeZone}
        onChange={set('timeZone')}
        hint="Times are shown in this zone, and reminders arrive at 7 pm the evening before in it."
      />
      <fieldset className="group">
        <legend>Credits</legend>
        <p className="hint">Past work you want directors to see (optional).</p>
        {value.credits.map((credit, i) => (
          <fieldset key={i} className="item">
            <legend>Credit {i + 1}</legend>
            <TextField
              path={`credits.${i}.title`}
              label="Title"
              errors={errors}
              value={credit.title}
              onChange={setCredit(i, 'title')}
            />
            <TextField
              path={`credits.${i}.role`}
              label="Role"
              errors={errors}
              value={credit.role}
              onChange={setCredit(i, 'role')}
            />
            <TextField
              path={`credits.${i}.year`}
              label="Year"
              type="number"
              inputMode="numeric"
              min={1900}
              max={2100}
              className="input-short"
              errors={errors}
              value={credit.year}
              onChange={setCredit(i, 'year')}
            />
            <TextField
              path={`credits.${i}.company`}
              label="Company"
              optional
              errors={errors}
              value={credit.company}
              onChange={setCredit(i, 'company')}
            />
            <button type="button" className="button-secondary" onClick={() => removeCredit(i)}>
              Remove credit {i + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button-secondary" ref={addButton} onClick={addCredit}>
          Add a credit
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save changes'}
        </button>
        <span role="status">{saved && !form.busy ? 'Your profile is saved.' : ''}</span>
      </div>
    </form>
  );
}

/**
 * Says so when we no longer email the person: SES reported their address bounced for good, or that they marked
 * our email as spam. Saving the profile or signing in again does not change it; only we can, once it is fixed.
 */
function UndeliverableNotice({ profile }: { readonly profile: MyProfileView }) {
  const why = profile.emailUndeliverable;
  if (profile.emailDeliverable || !why) return null;
  const since = why.since.slice(0, 10);
  return (
    <section className="notice notice-error" aria-labelledby="email-undeliverable">
      <h2 id="email-undeliverable">We no longer send email to {profile.email}</h2>
      <p>
        {why.reason === 'bounce'
          ? `On ${since} an email to this address came back as undeliverable (the mailbox does not seem to exist).`
          : `On ${since} an email we sent to this address was reported as spam.`}{' '}
        So you get no confirmations, reminders or casting news by email: check your auditions on this site. If the
        address works, write to us and we will start sending to it again.
      </p>
    </section>
  );
}

/** Where a performer stands in the talent directory, and the way to their directory profile. */
function DirectoryListing({ profile }: { readonly profile: MyProfileView }) {
  return (
    <section className="panel" aria-labelledby="directory-heading">
      <h2 id="directory-heading">Talent directory</h2>
      <p>
        {profile.listed
          ? 'You are listed: directors and casting directors can find you in the talent directory.'
          : 'You are not listed: directors cannot find you in the talent directory.'}
      </p>
      <p>
        <Link to="/profile/directory">Edit your directory profile</Link>
      </p>
    </section>
  );
}

/** My contact details, time zone and credits; performers also see their current and past performances. */
export function ProfilePage() {
  const { api, setProfile } = useSession();
  const me = useResource(() => api.get<MyProfileView>('/me'), [api]);
  return (
    <Page title="Your profile">
      {me.status === 'loading' && <Loading>Loading your profile…</Loading>}
      {me.status === 'error' && <ErrorNotice error={me.error} retry={me.reload} />}
      {me.status === 'ready' && (
        <>
          <UndeliverableNotice profile={me.data} />
          {me.data.role === 'performer' && <DirectoryListing profile={me.data} />}
          <ProfileForm
            profile={me.data}
            onSaved={(profile) => {
              me.replace(profile);
              setProfile(profile);
            }}
          />
          {me.data.role === 'performer' && <Career profile={me.data} linked />}
        </>
      )}
    </Page>
  );
}
