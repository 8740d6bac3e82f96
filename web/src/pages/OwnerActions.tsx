import { useState } from 'react';
import type { OwnerSignUpView, PerformanceView, SignUpsBySlot } from '../api/schemas';
import { Link, navigate } from '../app/router';
import { useSession } from '../app/session';
import { hasPassed } from '../app/time';
import { ConfirmDialog } from '../ui/Dialog';
import { ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';

const performancePath = (p: PerformanceView) => `/performances/${encodeURIComponent(p.performanceId)}`;

/** Performers whose sign-up still counts, and who are therefore told when the performance goes. */
export function activeSignUps(bySlot: SignUpsBySlot): OwnerSignUpView[] {
  return bySlot.slots.flatMap((s) => s.signUps).filter((s) => s.status === 'signed-up' || s.status === 'cast');
}

function DeleteDialog({
  performance: p,
  onClose,
}: {
  readonly performance: PerformanceView;
  readonly onClose: () => void;
}) {
  const { api } = useSession();
  const signUps = useResource(() => api.get<SignUpsBySlot>(`${performancePath(p)}/signups`), [api, p.performanceId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const names =
    signUps.status === 'ready' ? [...new Set(activeSignUps(signUps.data).map((s) => s.performer.name))] : [];
  const confirm = () => {
    setBusy(true);
    setError(undefined);
    api.send('DELETE', performancePath(p)).then(
      () =>
        navigate('/my/performances', {
          flash: `“${p.title}” is deleted.${names.length ? ` ${names.length} performer${names.length === 1 ? ' is' : 's are'} being told.` : ''}`,
        }),
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <ConfirmDialog
      title={`Delete “${p.title}”?`}
      confirmLabel="Delete performance"
      danger
      busy={busy || signUps.status === 'loading'}
      onConfirm={confirm}
      onCancel={onClose}
      error={error ? <ErrorNotice error={error} /> : undefined}
    >
      {signUps.status === 'loading' && <Loading>Checking who signed up…</Loading>}
      {signUps.status === 'error' && <ErrorNotice error={signUps.error} retry={signUps.reload} />}
      {signUps.status === 'ready' &&
        (names.length ? (
          <>
            <p>
              {names.length === 1 ? 'This performer has' : `These ${names.length} performers have`} an active sign-up
              and will be told by email that the audition is cancelled; their reminders are cancelled too:
            </p>
            <ul className="plain-list names">
              {names.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>Nobody has an active sign-up, so nobody needs to be told.</p>
        ))}
      <p>This cannot be undone.</p>
    </ConfirmDialog>
  );
}

/** What closing casting will do to the open sign-ups: who auditioned (told "not cast"), whose audition is ahead. */
export function closingOutcome(bySlot: SignUpsBySlot, now = Date.now()): { notCast: number; cancelled: number } {
  const open = bySlot.slots.flatMap((s) => s.signUps).filter((s) => s.status === 'signed-up');
  const notCast = open.filter((s) => hasPassed(s.slot.startsAt.utc, now)).length;
  return { notCast, cancelled: open.length - notCast };
}

const performers = (n: number) => `${n} performer${n === 1 ? '' : 's'}`;

function CloseCastingDialog({
  performance: p,
  onClose,
  onClosed,
}: {
  readonly performance: PerformanceView;
  readonly onClose: () => void;
  readonly onClosed: (outcome: { notCast: number; cancelled: number }) => void;
}) {
  const { api } = useSession();
  const signUps = useResource(() => api.get<SignUpsBySlot>(`${performancePath(p)}/signups`), [api, p.performanceId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const outcome = signUps.status === 'ready' ? closingOutcome(signUps.data) : undefined;
  const confirm = () => {
    setBusy(true);
    api.send('POST', `${performancePath(p)}/close-casting`).then(
      () => onClosed(outcome ?? { notCast: 0, cancelled: 0 }),
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <ConfirmDialog
      title={`Close casting for “${p.title}”?`}
      confirmLabel="Close casting"
      busy={busy || signUps.status === 'loading'}
      onConfirm={confirm}
      onCancel={onClose}
      error={error ? <ErrorNotice error={error} /> : undefined}
    >
      {signUps.status === 'loading' && <Loading>Checking who signed up…</Loading>}
      {signUps.status === 'error' && <ErrorNotice error={signUps.error} retry={signUps.reload} />}
      {outcome && (
        <>
          <p>
            {outcome.notCast
              ? `${performers(outcome.notCast)} who auditioned will be told by email that they were not cast.`
              : 'Nobody has auditioned without being cast, so nobody will be told “not cast”.'}
          </p>
          <p>
            {outcome.cancelled
              ? `${performers(outcome.cancelled)} whose audition is still ahead will have it cancelled, with an ` +
                'email and a calendar cancellation.'
              : 'Nobody’s audition is still ahead, so no audition is cancelled.'}
          </p>
        </>
      )}
      <p>You cannot cast anyone, or undo a casting, after this.</p>
    </ConfirmDialog>
  );
}

/** The message after closing casting: how many are being told what. */
function closedMessage({ notCast, cancelled }: { notCast: number; cancelled: number }): string {
  const parts = ['Casting is closed.'];
  if (notCast) parts.push(`${performers(notCast)} not cast ${notCast === 1 ? 'is' : 'are'} being told.`);
  if (cancelled)
    parts.push(
      `${cancelled} audition${cancelled === 1 ? '' : 's'} still ahead ${cancelled === 1 ? 'is' : 'are'} being cancelled.`,
    );
  return parts.join(' ');
}

/** What the owner of a performance can do with it: edit, see sign-ups and cast, close casting, delete. */
export function OwnerActions({
  performance: p,
  onChanged,
}: {
  readonly performance: PerformanceView;
  readonly onChanged: (message: string) => void;
}) {
  const [dialog, setDialog] = useState<'delete' | 'close' | undefined>();
  return (
    <section aria-labelledby="manage-heading" className="panel">
      <h2 id="manage-heading">Manage this performance</h2>
      <ul className="action-list">
        <li>
          <Link to={`${performancePath(p)}/signups`} className="button">
            Sign-ups and casting
          </Link>
        </li>
        <li>
          <Link to={`${performancePath(p)}/edit`} className="button button-secondary">
            Edit performance
          </Link>
        </li>
        {!p.castingClosed && (
          <li>
            <button type="button" className="button-secondary" onClick={() => setDialog('close')}>
              Close casting
            </button>
          </li>
        )}
        <li>
          <button type="button" className="button-danger" onClick={() => setDialog('delete')}>
            Delete performance
          </button>
        </li>
      </ul>
      {dialog === 'delete' && <DeleteDialog performance={p} onClose={() => setDialog(undefined)} />}
      {dialog === 'close' && (
        <CloseCastingDialog
          performance={p}
          onClose={() => setDialog(undefined)}
          onClosed={(outcome) => {
            setDialog(undefined);
            onChanged(closedMessage(outcome));
          }}
        />
      )}
    </section>
  );
}
