import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { SearchPage as ResultsPage, SearchResult } from '../api/schemas';
import { genders, kinds, searchQuery, voiceTypes } from '../api/schemas';
import { Link, navigate, useLocation, withQuery } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { calendarDate } from '../app/time';
import { Checkbox, SelectField, TextField } from '../forms/fields';
import { ErrorSummary } from '../forms/ErrorSummary';
import { CountrySelect } from '../forms/pickers';
import { countryName } from '../forms/places';
import { useForm } from '../forms/useForm';
import { check, errorsFromProblem } from '../forms/validation';
import { Page } from '../ui/Page';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { WhenUtc } from '../ui/When';
import { choicesOf, genderLabels, kindLabels, voiceTypeLabels } from '../ui/words';

const pageSize = '10';
const filterKeys = [
  'q',
  'city',
  'country',
  'from',
  'to',
  'kind',
  'gender',
  'voiceType',
  'age',
  'includeClosed',
] as const;
type Filters = Record<(typeof filterKeys)[number], string>;

const labels: Record<string, string> = {
  q: 'Keywords',
  city: 'City',
  country: 'Country',
  from: 'Running on or after',
  to: 'Running on or before',
  kind: 'Kind',
  gender: 'Character gender',
  voiceType: 'Voice type',
  age: 'Playing age',
  includeClosed: 'Include closed',
  cursor: 'Page',
};

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(filterKeys.map((key) => [key, query.get(key) ?? ''])) as Filters;
}

/** The filters as the API's query: empty ones left out. */
function queryOf(filters: Filters): Record<string, string | undefined> {
  return Object.fromEntries(filterKeys.map((key) => [key, filters[key].trim() || undefined]));
}

function Result({ result, myZone }: { readonly result: SearchResult; readonly myZone: string }) {
  return (
    <article className="card" aria-labelledby={`result-${result.performanceId}`}>
      <h3 id={`result-${result.performanceId}`}>
        <Link to={`/performances/${encodeURIComponent(result.performanceId)}`}>{result.title}</Link>
      </h3>
      <p className="muted">
        {kindLabels[result.kind]} · {result.venueName}, {result.city}, {countryName(result.country)}
      </p>
      <dl className="facts">
        <dt>Next audition</dt>
        <dd>
          {result.nextAudition ? (
            <WhenUtc utc={result.nextAudition} venueZone={result.timeZone} myZone={myZone} />
          ) : (
            'No open audition'
          )}
        </dd>
        {result.firstDate && (
          <>
            <dt>Runs</dt>
            <dd>
              {calendarDate(result.firstDate)}
              {result.lastDate && result.lastDate !== result.firstDate ? ` to ${calendarDate(result.lastDate)}` : ''}
            </dd>
          </>
        )}
        <dt>Characters</dt>
        <dd>{result.characters.join(', ') || 'None listed'}</dd>
      </dl>
    </article>
  );
}

type Results =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; results: SearchResult[]; next: string | null; more: 'idle' | 'loading' | unknown };

/** Search performances with every filter the API has; results page by page with the API's cursor. */
export function SearchPage() {
  const { api } = useSession();
  const profile = useProfile();
  const { query, href } = useLocation();
  const form = useForm<Filters>(() => filtersOf(query));
  const [results, setResults] = useState<Results>({ status: 'loading' });
  const [refreshes, setRefreshes] = useState(0);
  const firstNew = useRef<number | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);
  const { value, set, errors } = form;
  const advancedSet = filterKeys.some((key) => key !== 'q' && value[key]);

  // The URL holds the search, so back and forward and shared links work; a new URL is a new search.
  useEffect(() => {
    const filters = filtersOf(new URL(href, window.location.origin).searchParams);
    form.setValue(filters);
    const checked = check(searchQuery, queryOf(filters));
    if (!checked.ok) {
      form.fail(checked.errors);
      setResults({ status: 'ready', results: [], next: null, more: 'idle' });
      return;
    }
    let current = true;
    setResults({ status: 'loading' });
    api.get<ResultsPage>(withQuery('/performances', { ...queryOf(filters), limit: pageSize })).then(
      (page) => current && setResults({ status: 'ready', results: page.results, next: page.next, more: 'idle' }),
      (error: unknown) => {
        if (!current) return;
        form.fail(errorsFromProblem(error));
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
    const checked = check(searchQuery, queryOf(value));
    if (!checked.ok) return form.fail(checked.errors);
    form.setErrors({});
    const target = withQuery('/search', queryOf(value));
    // The same search again is a refresh: new performances may have been indexed since.
    if (target === href) setRefreshes((n) => n + 1);
    else navigate(target);
  };

  const showMore = () => {
    if (results.status !== 'ready' || !results.next) return;
    const { next } = results;
    setResults({ ...results, more: 'loading' });
    // The cursor belongs to the search in the URL (the API refuses it with other filters), not to unsent edits.
    const shown = queryOf(filtersOf(new URL(href, window.location.origin).searchParams));
    api.get<ResultsPage>(withQuery('/performances', { ...shown, limit: pageSize, cursor: next })).then(
      (page) => {
        firstNew.current = results.results.length;
        setResults({ status: 'ready', results: [...results.results, ...page.results], next: page.next, more: 'idle' });
      },
      (error: unknown) => setResults({ ...results, more: error }),
    );
  };

  return (
    <Page title={profile.role === 'performer' ? 'Find auditions' : 'Search performances'}>
      <ErrorSummary errors={errors} labelOf={(path) => labels[path] ?? path} attempt={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form search-form" role="search" aria-label="Performances">
        <TextField
          path="q"
          label="Keywords"
          type="search"
          errors={errors}
          value={value.q}
          onChange={set('q')}
          hint="Words from the title, description, characters, venue or city."
        />
        <details open={advancedSet || undefined} className="filters">
          <summary>More filters</summary>
          <div className="filter-grid">
            <TextField path="city" label="City" optional errors={errors} value={value.city} onChange={set('city')} />
            <CountrySelect
              path="country"
              label="Country"
              errors={errors}
              value={value.country}
              onChange={set('country')}
              emptyChoice="Any country"
              hint="Needed with a city."
            />
            <TextField
              path="from"
              label="Running on or after"
              type="date"
              optional
              errors={errors}
              value={value.from}
              onChange={set('from')}
            />
            <TextField
              path="to"
              label="Running on or before"
              type="date"
              optional
              errors={errors}
              value={value.to}
              onChange={set('to')}
            />
            <SelectField
              path="kind"
              label="Kind"
              errors={errors}
              value={value.kind}
              onChange={set('kind')}
              choices={choicesOf(kinds, kindLabels)}
              emptyChoice="Live or filmed"
            />
            <SelectField
              path="gender"
              label="Character gender"
              errors={errors}
              value={value.gender}
              onChange={set('gender')}
              choices={choicesOf(genders, genderLabels)}
              emptyChoice="No preference"
            />
            <SelectField
              path="voiceType"
              label="Voice type"
              errors={errors}
              value={value.voiceType}
              onChange={set('voiceType')}
              choices={choicesOf(voiceTypes, voiceTypeLabels)}
              emptyChoice="No preference"
            />
            <TextField
              path="age"
              label="Playing age"
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              optional
              className="input-short"
              errors={errors}
              value={value.age}
              onChange={set('age')}
              hint="Characters whose age range includes it."
            />
          </div>
          <Checkbox
            path="includeClosed"
            label="Also show performances with no open audition"
            checked={value.includeClosed === 'true'}
            onChange={(checked) => set('includeClosed')(checked ? 'true' : '')}
          />
        </details>
        <button type="submit">Search</button>
      </form>

      <section aria-labelledby="results-heading" className="results">
        <h2 id="results-heading">Results</h2>
        {results.status === 'loading' && <Loading>Searching…</Loading>}
        {results.status === 'error' && <ErrorNotice error={results.error} />}
        {results.status === 'ready' && (
          <>
            <p role="status" className="muted">
              {results.results.length === 0
                ? ''
                : `${results.results.length} performance${results.results.length === 1 ? '' : 's'} shown${results.next ? '; more below' : ''}.`}
            </p>
            {results.results.length === 0 ? (
              <Empty>
                <p>No performances match. Try fewer words or filters, or include performances with no open audition.</p>
              </Empty>
            ) : (
              <ol className="card-list" ref={list}>
                {results.results.map((result) => (
                  <li key={result.performanceId}>
                    <Result result={result} myZone={profile.timeZone} />
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
                {results.more === 'loading' ? 'Loading more…' : 'Show more results'}
              </button>
            )}
          </>
        )}
      </section>
    </Page>
  );
}
