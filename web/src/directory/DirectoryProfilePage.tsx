import type { FormEvent } from 'react';
import { useState } from 'react';
import type { MyProfileView } from '../api/schemas';
import { genders, profilePatch, voiceTypes } from '../api/schemas';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Checkbox, SelectField, TextArea, TextField } from '../forms/fields';
import { CountrySelect } from '../forms/pickers';
import { useForm } from '../forms/useForm';
import { check } from '../forms/validation';
import { Page } from '../ui/Page';
import { ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { choicesOf, genderLabels, voiceTypeLabels } from '../ui/words';
import type { DirectoryForm } from './directoryForm';
import { directoryErrors, directoryFormOf, directoryLabelOf, directoryPatchOf, previewCardOf } from './directoryForm';
import { ProfilePhotos } from './ProfilePhotos';
import { TalentCard } from './TalentCard';

/** What listing shows and what it never shows, in plain words, next to the switch. */
export function ListingExplanation() {
  return (
    <div id="listing-explanation" className="hint">
      <p>
        Listed, you can be found by directors and casting directors signed in to Audition Me. They see your name,
        photos, playing age, gender, voice type, skills, languages, city and country, unions, links and bio, your
        credits and the performances you were cast in.
      </p>
      <p>
        <strong>They never see your email address, your phone number or any access needs.</strong> You can switch
        listing off at any time: you then no longer appear in any search.
      </p>
    </div>
  );
}

function DirectoryEditor({
  profile,
  onSaved,
}: {
  readonly profile: MyProfileView;
  readonly onSaved: (p: MyProfileView) => void;
}) {
  const { api } = useSession();
  const form = useForm<DirectoryForm>(() => directoryFormOf(profile));
  const [saved, setSaved] = useState(false);
  const { value, set, errors } = form;
  /** The props of a text control bound to one field of the form (`path` when the API names it otherwise). */
  const text = (key: Exclude<keyof DirectoryForm, 'listed' | 'invitations'>, path: string = key) => ({
    path,
    errors,
    value: value[key],
    onChange: set(key),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const checked = check(profilePatch, directoryPatchOf(value));
    if (!checked.ok) return form.fail(directoryErrors(checked.errors, value));
    void form.submit(
      async () => {
        await api.send('PATCH', '/me', checked.data);
        const stored = await api.get<MyProfileView>('/me');
        onSaved(stored);
        // The API's own spelling of what was saved (tags in lower case, duplicates dropped).
        form.setValue(directoryFormOf(stored));
        setSaved(true);
      },
      (fields) => directoryErrors(fields, value),
    );
  };

  return (
    <div className="directory-editor">
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="directory-form-heading">
        <h2 id="directory-form-heading">Your directory details</h2>
        <ErrorSummary errors={errors} labelOf={directoryLabelOf} attempt={form.attempt} />
        <p className="hint">Every detail is optional. An empty field clears what was saved.</p>
        <div className="listing-switch">
          <Checkbox
            path="listed"
            label="List me in the talent directory"
            checked={value.listed}
            onChange={set('listed')}
            describedBy="listing-explanation"
          />
          <ListingExplanation />
          <Checkbox
            path="invitations"
            label="Directors may invite me to audition"
            checked={value.invitations}
            onChange={set('invitations')}
            hint="Invitations come by email and on your Invitations page; you choose whether to sign up."
          />
        </div>
        <ProfilePhotos
          name={profile.name}
          photos={profile.photos ?? []}
          onChanged={async () => onSaved(await api.get<MyProfileView>('/me'))}
        />
        <fieldset className="group">
          <legend>Playing age</legend>
          <p className="hint">The range of ages you can play, in years.</p>
          <div className="age-range">
            {(['ageMin', 'ageMax'] as const).map((path) => (
              <TextField
                key={path}
                {...text(path)}
                label={path === 'ageMin' ? 'From' : 'To'}
                type="number"
                inputMode="numeric"
                min={0}
                max={120}
                className="input-short"
              />
            ))}
          </div>
        </fieldset>
        <TextField
          {...text('gender')}
          label="Gender, in your words"
          optional
          hint="Shown on your card as you write it."
        />
        <SelectField
          {...text('genderCategory')}
          label="Gender category"
          choices={choicesOf(genders, genderLabels)}
          emptyChoice="Not given"
          hint="The category directors search by, as performances' characters use it."
        />
        <SelectField
          {...text('voiceType')}
          label="Voice type"
          choices={choicesOf(voiceTypes, voiceTypeLabels)}
          emptyChoice="Not given"
        />
        <TextField
          {...text('skills')}
          label="Skills"
          optional
          hint="Separate with commas, e.g. singing, stage combat (at most 20)."
        />
        <TextField
          {...text('languages')}
          label="Languages"
          optional
          hint="Languages you perform in, separated by commas (at most 10)."
        />
        <TextField {...text('unions')} label="Unions" optional hint="Union memberships, e.g. equity (at most 5)." />
        <TextField
          {...text('city')}
          label="City"
          optional
          autoComplete="address-level2"
          hint="The city you work from."
        />
        <CountrySelect
          {...text('country')}
          label="Country"
          emptyChoice="Not given"
          hint="Needed for directors to find you by city."
        />
        <fieldset className="group">
          <legend>Links</legend>
          <p className="hint">Addresses starting with https://</p>
          <TextField {...text('reel', 'links.reel')} label="Reel" type="url" optional />
          <TextField {...text('website', 'links.website')} label="Website" type="url" optional />
        </fieldset>
        <TextArea
          {...text('bio')}
          label="Bio"
          optional
          maxLength={1000}
          rows={6}
          hint="A few lines about you and your work (at most 1000 characters)."
        />
        <div className="actions">
          <button type="submit" disabled={form.busy}>
            {form.busy ? 'Saving…' : 'Save directory profile'}
          </button>
          <span role="status">{saved && !form.busy ? 'Your directory profile is saved.' : ''}</span>
        </div>
      </form>
      <section className="directory-preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview of your card</h2>
        <p>
          {value.listed
            ? 'Directors searching the talent directory see this card once you save.'
            : 'You are not listed: no director sees this card until you list yourself and save.'}
        </p>
        <TalentCard card={previewCardOf(value, profile)} linked={false} />
      </section>
    </div>
  );
}

/** The performer's directory profile: every field directors search by, the listing switch and a card preview. */
export function DirectoryProfilePage() {
  const { api, setProfile } = useSession();
  const me = useResource(() => api.get<MyProfileView>('/me'), [api]);
  return (
    <Page title="Your directory profile" lead="How directors and casting directors find you in the talent directory.">
      <p>
        <Link to="/profile">Back to your profile</Link>
      </p>
      {me.status === 'loading' && <Loading>Loading your profile…</Loading>}
      {me.status === 'error' && <ErrorNotice error={me.error} retry={me.reload} />}
      {me.status === 'ready' && (
        <DirectoryEditor
          profile={me.data}
          onSaved={(profile) => {
            me.replace(profile);
            setProfile(profile);
          }}
        />
      )}
    </Page>
  );
}
