import type { SearchResult } from '../api/schemas';
import { genders, kinds, searchQuery, voiceTypes } from '../api/schemas';
import { Link } from '../app/router';
import { useProfile } from '../app/session';
import { calendarDate } from '../app/time';
import { Checkbox, SelectField, TextField } from '../forms/fields';
import { ErrorSummary } from '../forms/ErrorSummary';
import { CountrySelect } from '../forms/pickers';
import { countryName } from '../forms/places';
import { useCursorSearch } from '../forms/useCursorSearch';
import { CursorResultList } from '../ui/CursorResultList';
import { Page } from '../ui/Page';
import { WhenUtc } from '../ui/When';
import { choicesOf, genderLabels, kindLabels, voiceTypeLabels } from '../ui/words';

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

/** Search performances with every filter the API has; results page by page with the API's cursor. */
export function SearchPage() {
  const profile = useProfile();
  const { form, results, onSubmit, showMore, list } = useCursorSearch<(typeof filterKeys)[number], SearchResult>({
    pagePath: '/search',
    apiPath: '/performances',
    keys: filterKeys,
    schema: searchQuery,
    toQuery: queryOf,
  });
  const { value, set, errors } = form;
  const advancedSet = filterKeys.some((key) => key !== 'q' && value[key]);

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
        <CursorResultList
          results={results}
          list={list}
          showMore={showMore}
          count={(n) => `${n} performance${n === 1 ? '' : 's'}`}
          empty={
            <p>No performances match. Try fewer words or filters, or include performances with no open audition.</p>
          }
          moreLabel="Show more results"
          className="card-list"
          keyOf={(result) => result.performanceId}
          render={(result) => <Result result={result} myZone={profile.timeZone} />}
        />
      </section>
    </Page>
  );
}
