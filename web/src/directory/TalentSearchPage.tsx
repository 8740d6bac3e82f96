import type { DirectoryCard } from '../api/schemas';
import { directoryQuery, genders, voiceTypes } from '../api/schemas';
import { useLocation } from '../app/router';
import { ErrorSummary } from '../forms/ErrorSummary';
import { SelectField, TextField } from '../forms/fields';
import { CountrySelect } from '../forms/pickers';
import { useCursorSearch } from '../forms/useCursorSearch';
import type { FieldErrors } from '../forms/validation';
import { CursorResultList } from '../ui/CursorResultList';
import { Page } from '../ui/Page';
import { choicesOf, genderLabels, voiceTypeLabels } from '../ui/words';
import { TalentCard } from './TalentCard';

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

/** The director's talent search: filters kept in the URL, results as photo cards, "Show more" with the cursor. */
export function TalentSearchPage() {
  const { href } = useLocation();
  const { form, results, onSubmit, showMore, list } = useCursorSearch<(typeof filterKeys)[number], DirectoryCard>({
    pagePath: '/performers',
    apiPath: '/performers',
    keys: filterKeys,
    schema: directoryQuery,
    toQuery: queryOf,
    onFields,
  });
  const { value, set, errors } = form;
  lastSearch = href;

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
        <CursorResultList
          results={results}
          list={list}
          showMore={showMore}
          count={(n) => `${n} performer${n === 1 ? '' : 's'}`}
          empty={<p>No listed performer matches. Try fewer filters or a wider playing age.</p>}
          moreLabel="Show more performers"
          className="talent-grid"
          keyOf={(card) => card.performerId}
          render={(card) => <TalentCard card={card} />}
        />
      </section>
    </Page>
  );
}
