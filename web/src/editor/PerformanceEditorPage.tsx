import type { FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { PerformanceView } from '../api/schemas';
import { kinds, performanceInput, performanceUpdate } from '../api/schemas';
import { Link, navigate } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { RadioGroup, TextArea, TextField } from '../forms/fields';
import { ErrorSummary } from '../forms/ErrorSummary';
import { useForm } from '../forms/useForm';
import type { FieldErrors } from '../forms/validation';
import { check } from '../forms/validation';
import { Page } from '../ui/Page';
import { ErrorNotice, Loading } from '../ui/Status';
import { useResource } from '../ui/useResource';
import { kindLabels } from '../ui/words';
import type { PerformanceForm } from './model';
import { editorLabel, newPerformanceForm, performanceForm, performanceInputOf } from './model';
import { CharactersEditor } from './CharactersEditor';
import { ContactFieldset, DatesEditor, VenueFieldset } from './sections';
import { SlotsEditor } from './SlotsEditor';

const problemWords: Record<string, string> = {
  'version-conflict':
    'Someone changed this performance since you opened it. Reload it to see the changes, then edit again.',
};

/** The performance form, for posting (no `version`) and for editing (with the version that was read). */
function PerformanceEditor({
  initial,
  version,
  performanceId,
}: {
  readonly initial: PerformanceForm;
  readonly version?: number;
  readonly performanceId?: string;
}) {
  const { api } = useSession();
  const form = useForm<PerformanceForm>(initial);
  const { value, set, errors } = form;
  const zone = value.venue.timeZone || 'the venue’s zone';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = performanceInputOf(value);
    const checked =
      version === undefined ? check(performanceInput, input) : check(performanceUpdate, { ...input, version });
    if (!checked.ok) return form.fail(checked.errors);
    void form.submit(
      async () => {
        const saved =
          version === undefined
            ? await api.send<PerformanceView>('POST', '/performances', checked.data)
            : await api.send<PerformanceView>(
                'PUT',
                `/performances/${encodeURIComponent(performanceId!)}`,
                checked.data,
              );
        navigate(`/performances/${encodeURIComponent(saved.performanceId)}`, {
          flash:
            version === undefined
              ? 'Your performance is posted. It shows in search within moments.'
              : 'Your changes are saved.',
        });
      },
      (fields: FieldErrors, error: unknown) =>
        error instanceof ApiError && problemWords[error.code] ? { '': problemWords[error.code]! } : fields,
    );
  };

  return (
    <>
      <ErrorSummary errors={errors} labelOf={editorLabel} attempt={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form editor">
        <TextField path="title" label="Title" errors={errors} value={value.title} onChange={set('title')} />
        <TextArea
          path="description"
          label="Description"
          optional
          errors={errors}
          value={value.description}
          onChange={set('description')}
          rows={5}
          hint="What the production is, what you are looking for. Performers search these words."
        />
        <RadioGroup
          path="kind"
          legend="Kind"
          errors={errors}
          value={value.kind}
          onChange={(kind) => set('kind')(kind as PerformanceForm['kind'])}
          choices={kinds.map((kind) => ({
            value: kind,
            label: kindLabels[kind],
            hint: kind === 'live' ? 'On stage; needs at least one date.' : 'Film or TV; dates are optional.',
          }))}
        />
        <ContactFieldset
          path="director"
          legend="Director"
          value={value.director}
          onChange={set('director')}
          errors={errors}
        />
        <ContactFieldset
          path="castingDirector"
          legend="Casting director"
          value={value.castingDirector}
          onChange={set('castingDirector')}
          errors={errors}
        />
        <VenueFieldset value={value.venue} kind={value.kind} onChange={set('venue')} errors={errors} />
        <DatesEditor dates={value.dates} zone={zone} onChange={set('dates')} errors={errors} />
        <CharactersEditor characters={value.characters} onChange={set('characters')} errors={errors} />
        <SlotsEditor slots={value.slots} zone={zone} onChange={set('slots')} errors={errors} />
        <div className="actions">
          <button type="submit" disabled={form.busy}>
            {form.busy ? 'Saving…' : version === undefined ? 'Post performance' : 'Save changes'}
          </button>
          <Link to={performanceId ? `/performances/${encodeURIComponent(performanceId)}` : '/my/performances'}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

export function NewPerformancePage() {
  const profile = useProfile();
  return (
    <Page title="Post a performance">
      <PerformanceEditor initial={newPerformanceForm(profile)} />
    </Page>
  );
}

export function EditPerformancePage({ performanceId }: { readonly performanceId: string }) {
  const { api } = useSession();
  const performance = useResource(
    () => api.get<PerformanceView>(`/performances/${encodeURIComponent(performanceId)}`),
    [api, performanceId],
  );
  return (
    <Page title={performance.status === 'ready' ? `Edit “${performance.data.title}”` : 'Edit performance'}>
      {performance.status === 'loading' && <Loading>Loading the performance…</Loading>}
      {performance.status === 'error' && <ErrorNotice error={performance.error} retry={performance.reload} />}
      {performance.status === 'ready' && (
        <>
          <p className="hint">
            Performers signed up for a slot you move or remove are told by email. Slots and characters with sign-ups
            cannot shrink below what is taken.
          </p>
          <PerformanceEditor
            initial={performanceForm(performance.data)}
            version={performance.data.version}
            performanceId={performanceId}
          />
        </>
      )}
    </Page>
  );
}
