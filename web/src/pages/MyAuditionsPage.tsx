import type { MouseEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { apiPaths, calendarPath, calendarRoute } from '../api/capabilities';
import { isOutOfDate } from '../api/client';
import type { SignUpView } from '../api/schemas';
import { Link } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { duration, hasPassed, wallClock } from '../app/time';
import { ConfirmDialog } from '../ui/Dialog';
import { Page } from '../ui/Page';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { When } from '../ui/When';
import { statusLabels } from '../ui/words';

const isActive = (s: SignUpView) => s.status === 'signed-up' || s.status === 'cast';

function statusText(s: SignUpView): string {
  if (s.status !== 'cast') return statusLabels[s.status];
  const character = s.castAsName ?? s.characters.find((c) => c.characterId === s.castAs)?.name;
  return character ? `Cast as ${character}` : 'Cast';
}

/** Downloads the .ics with my token (a plain link cannot send it) under a readable file name. */
function CalendarLink({ signUp }: { readonly signUp: SignUpView }) {
  const { api } = useSession();
  const [error, setError] = useState<unknown>();
  const path = calendarPath(signUp.performanceId);
  const download = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setError(undefined);
    api.download(path).then((blob) => {
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `audition-${signUp.title.replace(/[^\w-]+/g, '-').toLowerCase()}.ics`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }, setError);
  };
  return (
    <>
      <a href={`${api.baseUrl}${path}`} onClick={download} className="button button-secondary">
        Add to calendar<span className="visually-hidden"> for {signUp.title}</span> (.ics)
      </a>
      {error !== undefined && <ErrorNotice error={error} />}
    </>
  );
}

function Audition({
  signUp: s,
  myZone,
  calendar,
  onWithdraw,
}: {
  readonly signUp: SignUpView;
  readonly myZone: string;
  readonly calendar: boolean;
  readonly onWithdraw: (s: SignUpView) => void;
}) {
  const started = hasPassed(s.slot.startsAt.utc);
  return (
    <article className="card" aria-labelledby={`audition-${s.signUpId}`}>
      <h3 id={`audition-${s.signUpId}`}>
        <Link to={`/performances/${encodeURIComponent(s.performanceId)}`}>{s.title}</Link>
      </h3>
      <p>
        <strong className={`status status-${s.status}`}>{statusText(s)}</strong>
      </p>
      <dl className="facts">
        <dt>Audition</dt>
        <dd>
          <When at={s.slot.startsAt} venueZone={s.venue.timeZone} myZone={myZone} />
          <span className="muted"> ({duration(s.slot.durationMinutes)})</span>
        </dd>
        <dt>Where</dt>
        <dd>
          {s.slot.location.name}, {s.slot.location.address}
        </dd>
        <dt>For</dt>
        <dd>{s.characters.map((c) => c.name).join(', ')}</dd>
        {s.reminder && (
          <>
            <dt>Reminder</dt>
            <dd>
              By email on <time dateTime={s.reminder.utc}>{wallClock(s.reminder.reader)}</time> your time
            </dd>
          </>
        )}
        {s.accessNeeds && (
          <>
            <dt>Your access needs</dt>
            <dd className="prose">{s.accessNeeds}</dd>
          </>
        )}
      </dl>
      {isActive(s) && (
        <div className="actions">
          {calendar && <CalendarLink signUp={s} />}
          {s.status === 'signed-up' && !started && (
            <button type="button" className="button-secondary" onClick={() => onWithdraw(s)}>
              Withdraw<span className="visually-hidden"> from {s.title}</span>
            </button>
          )}
        </div>
      )}
    </article>
  );
}

/** My auditions: status, times in both zones, reminder, withdraw, calendar file. */
export function MyAuditionsPage() {
  const { api } = useSession();
  const profile = useProfile();
  const list = useResource(() => api.get<{ signUps: SignUpView[] }>('/me/signups'), [api]);
  const [calendar, setCalendar] = useState(false);
  const [withdrawing, setWithdrawing] = useState<SignUpView>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    void apiPaths(api).then((paths) => setCalendar(paths.has(calendarRoute)));
  }, [api]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const withdraw = () => {
    if (!withdrawing) return;
    setBusy(true);
    setError(undefined);
    api.send('DELETE', `/performances/${encodeURIComponent(withdrawing.performanceId)}/signup`).then(
      () => {
        setBusy(false);
        setNotice(`You have withdrawn from the audition for “${withdrawing.title}”.`);
        setWithdrawing(undefined);
        list.reload();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
        if (isOutOfDate(e)) list.reload();
      },
    );
  };

  const all = list.status === 'ready' ? list.data.signUps : [];
  const byStart = (a: SignUpView, b: SignUpView) => a.slot.startsAt.utc.localeCompare(b.slot.startsAt.utc);
  const upcoming = all.filter((s) => isActive(s) && !hasPassed(s.slot.startsAt.utc)).sort(byStart);
  const others = all.filter((s) => !upcoming.includes(s)).sort((a, b) => byStart(b, a));
  const render = (s: SignUpView) => (
    <li key={s.signUpId}>
      <Audition signUp={s} myZone={profile.timeZone} calendar={calendar} onWithdraw={setWithdrawing} />
    </li>
  );

  return (
    <Page title="My auditions">
      {notice && (
        <p role="status" className="notice notice-success" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}
      {list.status === 'loading' && <Loading>Loading your auditions…</Loading>}
      {list.status === 'error' && <ErrorNotice error={list.error} retry={list.reload} />}
      {list.status === 'ready' && all.length === 0 && (
        <Empty>
          <p>
            You have not signed up for an audition yet. <Link to="/search">Find auditions</Link>.
          </p>
        </Empty>
      )}
      {upcoming.length > 0 && (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">Coming up</h2>
          <ul className="card-list">{upcoming.map(render)}</ul>
        </section>
      )}
      {others.length > 0 && (
        <section aria-labelledby="others-heading">
          <h2 id="others-heading">Earlier and closed auditions</h2>
          <ul className="card-list">{others.map(render)}</ul>
        </section>
      )}
      {withdrawing && (
        <ConfirmDialog
          title={`Withdraw from “${withdrawing.title}”?`}
          confirmLabel="Withdraw"
          danger
          busy={busy}
          onConfirm={withdraw}
          onCancel={() => {
            setWithdrawing(undefined);
            setError(undefined);
          }}
          error={error ? <ErrorNotice error={error} /> : undefined}
        >
          <p>
            You give up your place in the audition on {wallClock(withdrawing.slot.startsAt.reader)} (your time). You can
            sign up again while places are left.
          </p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
