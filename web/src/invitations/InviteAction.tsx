import { useState } from 'react';
import type { DirectoryPerformerView, PerformanceView } from '../api/schemas';
import { invitationInput } from '../api/schemas';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { hasPassed, wallClock } from '../app/time';
import { SelectField, TextArea } from '../forms/fields';
import { check, errorsFromProblem } from '../forms/validation';
import type { FieldErrors } from '../forms/validation';
import { ConfirmDialog } from '../ui/Dialog';
import { ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';

interface Choice {
  readonly performanceId: string;
  readonly slotId: string;
  readonly message: string;
}

/** The slots still ahead, as choices in the venue's time. */
function slotChoices(performance: PerformanceView | undefined) {
  return (performance?.slots ?? [])
    .filter((slot) => !hasPassed(slot.startsAt.utc))
    .sort((a, b) => a.startsAt.utc.localeCompare(b.startsAt.utc))
    .map((slot) => ({
      value: slot.slotId,
      label: `${wallClock(slot.startsAt.venue)} (${performance?.venue.timeZone})`,
    }));
}

/** The dialog's form: which of my performances, optionally which slot, and a note. */
function InviteDialog({
  performer,
  onSent,
  onCancel,
}: {
  readonly performer: DirectoryPerformerView;
  readonly onSent: (title: string) => void;
  readonly onCancel: () => void;
}) {
  const { api } = useSession();
  const mine = useResource(() => api.get<{ performances: PerformanceView[] }>('/me/performances'), [api]);
  const open = mine.status === 'ready' ? mine.data.performances.filter((p) => !p.castingClosed) : [];
  const [value, setValue] = useState<Choice>({ performanceId: '', slotId: '', message: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const chosen = open.find((p) => p.performanceId === value.performanceId);
  const set = (key: keyof Choice) => (next: string) =>
    setValue((v) => ({ ...v, [key]: next, ...(key === 'performanceId' ? { slotId: '' } : {}) }));

  const send = async () => {
    if (!chosen) return setErrors({ performanceId: 'choose one of your performances' });
    const checked = check(invitationInput, {
      performerId: performer.performerId,
      slotId: value.slotId || undefined,
      message: value.message.trim() || undefined,
    });
    if (!checked.ok) return setErrors(checked.errors);
    const body = checked.data;
    setBusy(true);
    setErrors({});
    try {
      await api.send('POST', `/performances/${encodeURIComponent(chosen.performanceId)}/invitations`, body);
      onSent(chosen.title);
    } catch (error) {
      setErrors(errorsFromProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title={`Invite ${performer.name} to audition`}
      confirmLabel="Send invitation"
      onConfirm={() => void send()}
      onCancel={onCancel}
      busy={busy}
      error={errors[''] && <p>{errors['']}</p>}
    >
      <p>
        {performer.name} gets an email with a link to sign up for the audition. You see whether they opened it, signed
        up or declined.
      </p>
      {mine.status === 'loading' && <Loading>Loading your performances…</Loading>}
      {mine.status === 'error' && <ErrorNotice error={mine.error} retry={mine.reload} />}
      {mine.status === 'ready' && open.length === 0 && (
        <p>
          None of your performances has casting open. <Link to="/performances/new">Post a performance</Link> first.
        </p>
      )}
      {open.length > 0 && (
        <>
          <SelectField
            path="performanceId"
            label="Performance"
            errors={errors}
            value={value.performanceId}
            onChange={set('performanceId')}
            choices={open.map((p) => ({ value: p.performanceId, label: p.title }))}
            emptyChoice="Choose a performance"
          />
          {chosen && (
            <SelectField
              path="slotId"
              label="Audition slot"
              optional
              errors={errors}
              value={value.slotId}
              onChange={set('slotId')}
              choices={slotChoices(chosen)}
              emptyChoice="Any slot: the performer chooses"
            />
          )}
          <TextArea
            path="message"
            label="Message"
            optional
            errors={errors}
            value={value.message}
            onChange={set('message')}
            maxLength={1000}
            hint="A note for the performer, shown in the email (at most 1000 characters)."
          />
        </>
      )}
    </ConfirmDialog>
  );
}

/**
 * "Invite to audition" for a performer's directory page: a button that opens the invitation dialog, and a line
 * that says when the invitation is sent. The page renders it in its invite slot.
 */
export function InviteAction({ performer }: { readonly performer: DirectoryPerformerView }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string>();
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Invite to audition
      </button>
      <p role="status">{sent ? `Invitation sent to ${performer.name} for “${sent}”.` : ''}</p>
      {open && (
        <InviteDialog
          performer={performer}
          onCancel={() => setOpen(false)}
          onSent={(title) => {
            setOpen(false);
            setSent(title);
          }}
        />
      )}
    </>
  );
}
