import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { isOutOfDate } from '../api/client';
import type { PerformanceView, SignUpView } from '../api/schemas';
import { signUpInput } from '../api/schemas';
import { Link, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { hasPassed, duration, wallClock } from '../app/time';
import { Checkbox, FieldError, RadioGroup, TextArea } from '../forms/fields';
import { ErrorSummary } from '../forms/ErrorSummary';
import { useForm } from '../forms/useForm';
import { check, fieldId } from '../forms/validation';
import { slotAvailability } from '../ui/PerformanceDetails';
import { When } from '../ui/When';
import { statusLabels } from '../ui/words';

const labels: Record<string, string> = {
  slotId: 'Audition slot',
  characterIds: 'Characters',
  accessNeeds: 'Access needs',
};

/** My sign-up for this performance, when it still counts (signed up or cast). */
function ActiveSignUp({
  signUp,
  myZone,
  justNow,
}: {
  readonly signUp: SignUpView;
  readonly myZone: string;
  readonly justNow: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (justNow) box.current?.focus();
  }, [justNow]);
  return (
    <div className="notice notice-success" tabIndex={-1} ref={box} role="status">
      <h3>
        You are {signUp.status === 'cast' ? 'cast' : 'signed up'}
        {signUp.castAs &&
          ` as ${signUp.castAsName ?? signUp.characters.find((c) => c.characterId === signUp.castAs)?.name ?? 'a character'}`}
      </h3>
      <p>
        Audition: <When at={signUp.slot.startsAt} venueZone={signUp.venue.timeZone} myZone={myZone} />
      </p>
      <p>
        For {signUp.characters.map((c) => c.name).join(', ')}. Status: {statusLabels[signUp.status]}.{' '}
        <Link to="/my/auditions">See my auditions</Link> to withdraw or add it to your calendar.
      </p>
    </div>
  );
}

/**
 * The performer's part of a performance page: sign up for one slot and one or more characters. When the API
 * refuses because the page is out of date, `onOutOfDate` loads the performance again, so the places shown are
 * the places left.
 */
export function AuditionSignUp({
  performance: p,
  mine,
  myZone,
  onSignedUp,
  onOutOfDate,
}: {
  readonly performance: PerformanceView;
  readonly mine: SignUpView | undefined;
  readonly myZone: string;
  readonly onSignedUp: (signUp: SignUpView) => void;
  readonly onOutOfDate: () => void;
}) {
  const { api } = useSession();
  const { query } = useLocation();
  // An invitation's link (`?invitation=…&slot=…`) suggests a slot: chosen already while it still has places.
  const suggested = p.slots.find(
    (slot) => slot.slotId === query.get('slot') && slot.remaining > 0 && !hasPassed(slot.startsAt.utc),
  );
  const form = useForm({ slotId: suggested?.slotId ?? '', characterIds: [] as string[], accessNeeds: '' });
  const [now] = useState(() => Date.now());
  const [justNow, setJustNow] = useState(false);
  const { value, set, errors } = form;

  if (mine && (mine.status === 'signed-up' || mine.status === 'cast'))
    return <ActiveSignUp signUp={mine} myZone={myZone} justNow={justNow} />;
  if (p.castingClosed) return <p className="notice notice-info">Casting for this performance is closed.</p>;
  const open = p.slots.filter((s) => !hasPassed(s.startsAt.utc, now));
  if (!open.some((s) => s.remaining > 0))
    return (
      <>
        {/* Why the sign-up just tried did not go through, when the last place went meanwhile. */}
        {errors[''] && (
          <p role="alert" className="notice notice-error">
            {errors['']}
          </p>
        )}
        <p className="notice notice-info">No audition slot has a place left.</p>
      </>
    );
  // A slot chosen before it filled up is no longer a choice.
  const slotId = open.some((s) => s.slotId === value.slotId && s.remaining > 0) ? value.slotId : '';

  const toggleCharacter = (characterId: string) => (checked: boolean) =>
    set('characterIds')(
      checked ? [...value.characterIds, characterId] : value.characterIds.filter((c) => c !== characterId),
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(signUpInput, {
      slotId: slotId || undefined,
      characterIds: value.characterIds,
      accessNeeds: value.accessNeeds.trim() || undefined,
    });
    if (!checked.ok) {
      const { characterIds } = checked.errors;
      return form.fail({
        ...checked.errors,
        ...(checked.errors.slotId && !slotId ? { slotId: 'choose a slot' } : {}),
        ...(characterIds && !value.characterIds.length ? { characterIds: 'choose at least one character' } : {}),
      });
    }
    void form.submit(
      async () => {
        const signUp = await api.send<SignUpView>(
          'POST',
          `/performances/${encodeURIComponent(p.performanceId)}/signup`,
          checked.data,
        );
        setJustNow(true);
        onSignedUp(signUp);
      },
      (fields, error) => {
        if (isOutOfDate(error)) onOutOfDate();
        return fields;
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="signup-heading">
      <h2 id="signup-heading">Sign up to audition</h2>
      <ErrorSummary errors={errors} labelOf={(path) => labels[path] ?? path} attempt={form.attempt} />
      <RadioGroup
        path="slotId"
        legend="Audition slot"
        errors={errors}
        value={slotId}
        onChange={set('slotId')}
        choices={open.map((s) => ({
          value: s.slotId,
          label:
            p.venue.timeZone === myZone
              ? wallClock(s.startsAt.venue)
              : `${wallClock(s.startsAt.venue)} at the venue (${wallClock(s.startsAt.reader)} your time)`,
          hint: `${duration(s.durationMinutes)} · ${slotAvailability(s)} · ${s.location.name}`,
          disabled: s.remaining === 0,
        }))}
      />
      <fieldset
        className={errors.characterIds ? 'field field-invalid' : 'field'}
        aria-describedby={errors.characterIds ? `${fieldId('characterIds')}-error` : undefined}
      >
        <legend>Characters you want to audition for</legend>
        <FieldError path="characterIds" message={errors.characterIds} />
        {p.characters.map((c, i) => (
          <Checkbox
            key={c.characterId}
            path={i === 0 ? 'characterIds' : `characterIds.${i}`}
            label={c.name}
            checked={value.characterIds.includes(c.characterId)}
            onChange={toggleCharacter(c.characterId)}
          />
        ))}
      </fieldset>
      <TextArea
        path="accessNeeds"
        label="Access needs"
        optional
        errors={errors}
        value={value.accessNeeds}
        onChange={set('accessNeeds')}
        maxLength={1000}
        rows={3}
        hint="Anything that helps you audition at your best. Only the director and casting director can read it."
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Signing up…' : 'Sign up'}
      </button>
    </form>
  );
}
