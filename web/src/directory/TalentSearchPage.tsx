import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { DirectoryCard, DirectoryPage } from '../api/schemas';
import { directoryQuery, genders, voiceTypes } from '../api/schemas';
import { navigate, useLocation, withQuery } from '../app/router';
import { useSession } from '../app/session';
import { ErrorSummary } from '../forms/ErrorSummary';
import { SelectField, TextField } from '../forms/fields';
import { CountrySelect } from '../forms/pickers';
import { useForm } from '../forms/useForm';
import type { FieldErrors } from '../forms/validation';
import { check, errorsFromProblem } from '../forms/validation';
import { Page } from '../ui/Page';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { choicesOf, genderLabels, voiceTypeLabels } from '../ui/words';
import { TalentCard } from './TalentCard';

const pageSize = '10';
/** The filters, named as the API's query names them: the page's URL carries them as they are. */
const filterKeys = [
  'q',
  'ageMin',
  'ageMax',
  'gender',
  'voiceType',
  'skills',
  'languages',
  'union',
  'city',
  'country',
] as const;
type Filters = Record<(typeof filterKeys)[number], string>;

const labels: Record<string, string> = {
  q: 'Keywords',
  ageMin: 'Playing age from',
  ageMax: 'Playing age to',
  gender: 'Gender category',
  voiceType: 'Voice type',
  skills: 'Skills',
  languages: 'Languages',
  union: 'Union',
  city: 'City',
  country: 'Country',
  cursor: 'Page',
};

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(filterKeys.map((key) => [key, query.get(key) ?? ''])) as Filters;
}

/** The filters as the API's query: empty ones left out, lists as the API reads them (`singing,dance`). */
function queryOf(filters: Filters): Record<string, string | undefined> {
  const list = (text: string) =>
    text
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean)
      .join(',');
  return Object.fromEntries(
    filterKeys.map((key) => {
      const value = key === 'skills' || key === 'languages' ? list(filters[key]) : filters[key].trim();
      return [key, value || undefined];
    }),
  );
}

/** A problem with one of the listed tags (`skills.1`) shown at its list. */
const onFields = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([path, message]) => [path.replace(/\.\d+$/, ''), message]));

/** The search the talent page showed last, so a performer's page can lead back to the same results. */
let lastSearch = '/performers';
export const lastTalentSearch = () => lastSearch;

type Results =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; results: DirectoryCard[]; next: string | null; more: 'idle' | 'loading' | unknown };

/** The director's talent search: filters kept in the URL, results as photo cards, "Show more" with the cursor. */
export function TalentSearchPage() {
  const { api } = useSession();
  const { query, href } = useLocation();
  const form = useForm<Filters>(() => filtersOf(query));
  const [results, setResults] = useState<Results>({ status: 'loading' });
  const [refreshes, setRefreshes] = useState(0);
  const firstNew = useRef<number | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);
  const { value, set, errors } = form;
  lastSearch = href;

  // The URL holds the search, so reload, back and forward and shared links keep it; a new URL is a new search.
  useEffect(() => {
    const filters = filtersOf(new URL(href, window.location.origin).searchParams);
    form.setValue(filters);
    const checked = check(directoryQuery, queryOf(filters));
    if (!checked.ok) {
      form.fail(onFields(checked.errors));
      setResults({ status: 'ready', results: [], next: null, more: 'idle' });
      return;
    }
    let current = true;
    setResults({ status: 'loading' });
    api.get<DirectoryPage>(withQuery('/performers', { ...queryOf(filters), limit: pageSize })).then(
      (page) => current && setResults({ status: 'ready', results: page.results, next: page.next, more: 'idle' }),
      (error: unknown) => {
        if (!current) return;
        form.fail(onFields(errorsFromProblem(error)));
        setResults({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [href, api, refreshes]);

  useEffect(() => {
    if (firstNew.current === undefined || results.status !== 'ready') return;
    list.current?.querySelectorAll<HTMLAnchorElement>('h3 a')[firstNew.current]?.focus();
    firstNew.current = undefined;
  }, [results]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(directoryQuery, queryOf(value));
    if (!checked.ok) return form.fail(onFields(checked.errors));
    form.setErrors({});
    const target = withQuery('/performers', queryOf(value));
    // The same search again is a refresh: performers may have listed themselves since.
    if (target === href) setRefreshes((n) => n + 1);
    else navigate(target);
  };

  const showMore = () => {
    if (results.status !== 'ready' || !results.next) return;
    const { next } = results;
    setResults({ ...results, more: 'loading' });
    // The cursor belongs to the search in the URL (the API refuses it with other filters), not to unsent edits.
    const shown = queryOf(filtersOf(new URL(href, window.location.origin).searchParams));
    api.get<DirectoryPage>(withQuery('/performers', { ...shown, limit: pageSize, cursor: next })).then(
      (page) => {
        firstNew.current = results.results.length;
        setResults({ status: 'ready', results: [...results.results, ...page.results], next: page.next, more: 'idle' });
      },
      (error: unknown) => setResults({ ...results, more: error }),
    );
  };

  const field = (path: (typeof filterKeys)[number]) => ({ path, errors, value: value[path], onChange: set(path) });

  return (
    <Page title="Find performers" lead="Performers who chose to be listed in the talent directory.">
      <ErrorSummary errors={errors} labelOf={(path) => labels[path] ?? path} attempt={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" role="search" aria-label="Performers">
        <TextField
          {...field('q')}
          label="Keywords"
          type="search"
          optional
          hint="Words from the performer’s name or bio."
        />
        <div className="talent-filters">
          <TextField
            {...field('ageMin')}
            label="Playing age from"
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            optional
            className="input-short"
          />
          <TextField
            {...field('ageMax')}
            label="Playing age to"
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            optional
            className="input-short"
            hint="Performers whose playing ages overlap this range."
          />
          <SelectField
            {...field('gender')}
            label="Gender category"
            choices={choicesOf(genders, genderLabels)}
            emptyChoice="No preference"
          />
          <SelectField
            {...field('voiceType')}
            label="Voice type"
            choices={choicesOf(voiceTypes, voiceTypeLabels)}
            emptyChoice="No preference"
          />
          <TextField
            {...field('skills')}
            label="Skills"
            optional
            hint="Separate with commas; performers have them all."
          />
          <TextField
            {...field('languages')}
            label="Languages"
            optional
            hint="Separate with commas; performers speak them all."
          />
          <TextField {...field('union')} label="Union" optional hint="One union, e.g. equity." />
          <TextField {...field('city')} label="City" optional />
          <CountrySelect {...field('country')} label="Country" emptyChoice="Any country" hint="Needed with a city." />
        </div>
        <button type="submit">Search</button>
      </form>

      <section aria-labelledby="results-heading" className="results">
        <h2 id="results-heading">Performers</h2>
        {results.status === 'loading' && <Loading>Searching…</Loading>}
        {results.status === 'error' && <ErrorNotice error={results.error} />}
        {results.status === 'ready' && (
          <>
            <p role="status" className="muted">
              {results.results.length === 0
                ? ''
                : `${results.results.length} performer${results.results.length === 1 ? '' : 's'} shown${results.next ? '; more below' : ''}.`}
            </p>
            {results.results.length === 0 ? (
              <Empty>
                <p>No listed performer matches. Try fewer filters or a wider playing age.</p>
              </Empty>
            ) : (
              <ol className="talent-grid" ref={list}>
                {results.results.map((card) => (
                  <li key={card.performerId}>
                    <TalentCard card={card} />
                  </li>
                ))}
              </ol>
            )}
            {results.more !== 'idle' && results.more !== 'loading' && (
              <ErrorNotice error={results.more} retry={showMore} />
            )}
            {results.next && (
              <button
                type="button"
                className="button-secondary"
                onClick={showMore}
                disabled={results.more === 'loading'}
              >
                {results.more === 'loading' ? 'Loading more…' : 'Show more performers'}
              </button>
            )}
          </>
        )}
      </section>
    </Page>
  );
}
