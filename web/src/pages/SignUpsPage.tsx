import type { FormEvent } from 'react';
import { useState } from 'react';
import { ApiError } from '../api/client';
import type { OwnerSignUpView, PerformanceView, SignUpsBySlot } from '../api/schemas';
import { castingInput } from '../api/schemas';
import { Link } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { hasPassed, wallClock } from '../app/time';
import { SelectField } from '../forms/fields';
import { check } from '../forms/validation';
import { ConfirmDialog } from '../ui/Dialog';
import { Page } from '../ui/Page';
import { LinkProblem, isMissing } from '../ui/LinkProblem';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { When } from '../ui/When';
import { statusLabels } from '../ui/words';

interface Loaded {
  readonly performance: PerformanceView;
  readonly bySlot: SignUpsBySlot;
}

function CastForm({
  performance: p,
  signUp: s,
  onCast,
}: {
  readonly performance: PerformanceView;
  readonly signUp: OwnerSignUpView;
  readonly onCast: (message: string) => void;
}) {
  const { api } = useSession();
  // Nothing is preselected: casting is the director's choice, made on purpose.
  const [characterId, setCharacterId] = useState('');
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const path = `cast.${s.signUpId}.characterId`;
  const auditioned = new Set(s.characters.map((c) => c.characterId));
  const choices = [...p.characters]
    .sort((a, b) => Number(auditioned.has(b.characterId)) - Number(auditioned.has(a.characterId)))
    .map((c) => ({
      value: c.characterId,
      label: `${c.name}${auditioned.has(c.characterId) ? ' (auditioned)' : ''}${c.cast >= c.places ? ' (full)' : ''}`,
    }));

  const characterName = p.characters.find((c) => c.characterId === characterId)?.name ?? '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(castingInput, { performerId: s.performerId, characterId });
    if (!checked.ok || !characterName) return setError('Choose a character.');
    setError(undefined);
    setConfirming(true);
  };

  const cast = () => {
    setBusy(true);
    api
      .send('POST', `/performances/${encodeURIComponent(p.performanceId)}/castings`, {
        performerId: s.performerId,
        characterId,
      })
      .then(
        () => {
          setBusy(false);
          setConfirming(false);
          onCast(`${s.performer.name} is cast as ${characterName}.`);
        },
        (e: unknown) => {
          setBusy(false);
          setConfirming(false);
          setError(e instanceof ApiError ? e.sentence : 'Could not cast. Please try again.');
        },
      );
  };

  return (
    <form onSubmit={submit} noValidate className="cast-form" aria-label={`Cast ${s.performer.name}`}>
      <SelectField
        path={path}
        label={`Cast ${s.performer.name} as`}
        errors={error ? { [path]: error } : {}}
        value={characterId}
        onChange={setCharacterId}
        choices={choices}
        emptyChoice="— choose a character —"
      />
      <button type="submit" disabled={busy}>
        Cast
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Cast ${s.performer.name} as ${characterName}?`}
          confirmLabel={`Cast as ${characterName}`}
          busy={busy}
          onConfirm={cast}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {s.performer.name} will be told by email that they are cast as {characterName}. You can undo this until
            casting closes.
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}

/** Undoes a casting (until casting closes), after asking; the performer is told by email. */
function UndoCasting({
  performance: p,
  signUp: s,
  character,
  onUndone,
}: {
  readonly performance: PerformanceView;
  readonly signUp: OwnerSignUpView;
  readonly character: string;
  readonly onUndone: (message: string) => void;
}) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const undo = () => {
    setBusy(true);
    setError(undefined);
    const path = `/performances/${encodeURIComponent(p.performanceId)}/castings/${encodeURIComponent(s.performerId)}`;
    api.send('DELETE', path).then(
      () => {
        setBusy(false);
        setConfirming(false);
        onUndone(`${s.performer.name} is no longer cast as ${character}.`);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        aria-label={`Undo casting of ${s.performer.name}`}
        onClick={() => setConfirming(true)}
      >
        Undo casting
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Undo casting ${s.performer.name} as ${character}?`}
          confirmLabel="Undo casting"
          busy={busy}
          onConfirm={undo}
          onCancel={() => setConfirming(false)}
          error={error ? <ErrorNotice error={error} /> : undefined}
        >
          <p>
            {s.performer.name} will be told by email that they are no longer cast, and the place as {character} is free
            again. Their audition still counts: you can cast them again until casting closes.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function SignUpCard({
  performance: p,
  signUp: s,
  onCast,
}: {
  readonly performance: PerformanceView;
  readonly signUp: OwnerSignUpView;
  readonly onCast: (message: string) => void;
}) {
  const cast = s.castAs ? p.characters.find((c) => c.characterId === s.castAs)?.name : undefined;
  return (
    <article className="card" aria-labelledby={`signup-${s.signUpId}`}>
      <h3 id={`signup-${s.signUpId}`}>
        <Link
          to={`/performances/${encodeURIComponent(p.performanceId)}/performers/${encodeURIComponent(s.performerId)}`}
        >
          {s.performer.name}
        </Link>
      </h3>
      <p>
        <strong className={`status status-${s.status}`}>
          {s.status === 'cast' && cast ? `Cast as ${cast}` : statusLabels[s.status]}
        </strong>
      </p>
      <dl className="facts">
        <dt>Email</dt>
        <dd>
          <a href={`mailto:${s.performer.email}`}>{s.performer.email}</a>
        </dd>
        <dt>Phone</dt>
        <dd>
          <a href={`tel:${s.performer.phone}`}>{s.performer.phone}</a>
        </dd>
        <dt>Time zone</dt>
        <dd>{s.performer.timeZone}</dd>
        <dt>Auditions for</dt>
        <dd>{s.characters.map((c) => c.name).join(', ')}</dd>
        <dt>Access needs</dt>
        <dd className="prose">{s.accessNeeds || 'None given'}</dd>
      </dl>
      {s.status === 'signed-up' &&
        !p.castingClosed &&
        (hasPassed(s.slot.startsAt.utc) ? (
          <CastForm performance={p} signUp={s} onCast={onCast} />
        ) : (
          <p className="muted">You can cast after the audition starts at {wallClock(s.slot.startsAt.reader)}.</p>
        ))}
      {s.status === 'cast' && cast && !p.castingClosed && (
        <UndoCasting performance={p} signUp={s} character={cast} onUndone={onCast} />
      )}
    </article>
  );
}

/** Who signed up for each slot, with contact details and access needs; cast once an audition has begun. */
export function SignUpsPage({ performanceId }: { readonly performanceId: string }) {
  const { api } = useSession();
  const profile = useProfile();
  const [notice, setNotice] = useState<string>();
  const path = `/performances/${encodeURIComponent(performanceId)}`;
  const data = useResource<Loaded>(async () => {
    const [performance, bySlot] = await Promise.all([
      api.get<PerformanceView>(path),
      api.get<SignUpsBySlot>(`${path}/signups`),
    ]);
    return { performance, bySlot };
  }, [api, path]);

  const missing = data.status === 'error' && isMissing(data.error);
  const title =
    data.status === 'ready' ? `Sign-ups: ${data.data.performance.title}` : missing ? 'Sign-ups not found' : 'Sign-ups';
  const onCast = (message: string) => {
    setNotice(message);
    data.reload();
  };
  return (
    <Page title={title}>
      {!missing && (
        <p>
          <Link to={path}>Back to the performance</Link>
        </p>
      )}
      <p role="status" className={notice ? 'notice notice-success' : undefined}>
        {notice}
      </p>
      {data.status === 'loading' && <Loading>Loading sign-ups…</Loading>}
      {missing && (
        <LinkProblem>
          <p>
            None of your performances has this address. Only the director who posted a performance sees its sign-ups: it
            may be another director’s, it may have been deleted, or your mail program may have cut the link short or
            changed it. You are signed in as <strong>{profile.email}</strong>.
          </p>
          <p>
            See <Link to="/my/performances">your performances</Link>.
          </p>
        </LinkProblem>
      )}
      {data.status === 'error' && !missing && <ErrorNotice error={data.error} retry={data.reload} />}
      {data.status === 'ready' && (
        <>
          {data.data.performance.castingClosed && (
            <p className="notice notice-info">
              Casting is closed: everyone who auditioned and was not cast has been told, and auditions still ahead were
              cancelled.
            </p>
          )}
          {data.data.performance.slots.length === 0 && <Empty>This performance has no audition slots.</Empty>}
          {data.data.performance.slots.map((slot) => {
            const signUps = data.data.bySlot.slots.find((s) => s.slotId === slot.slotId)?.signUps ?? [];
            const begun = hasPassed(slot.startsAt.utc);
            return (
              <section key={slot.slotId} aria-labelledby={`slot-${slot.slotId}`} className="slot">
                <h2 id={`slot-${slot.slotId}`}>
                  <When at={slot.startsAt} venueZone={data.data.performance.venue.timeZone} myZone={profile.timeZone} />
                </h2>
                <p className="muted">
                  {slot.capacity - slot.remaining} of {slot.capacity} places taken ·{' '}
                  {data.data.performance.castingClosed
                    ? 'Casting is closed.'
                    : begun
                      ? 'The audition has begun: you can cast.'
                      : 'Not begun yet: you can cast once it has begun.'}
                </p>
                {signUps.length === 0 ? (
                  <Empty>Nobody has signed up for this slot yet.</Empty>
                ) : (
                  <ul className="card-list">
                    {signUps.map((s) => (
                      <li key={s.signUpId}>
                        <SignUpCard performance={data.data.performance} signUp={s} onCast={onCast} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </>
      )}
    </Page>
  );
}
