import { TextField } from '../forms/fields';
import { CountrySelect, TimeZoneSelect } from '../forms/pickers';
import type { FieldErrors } from '../forms/validation';
import { fieldId } from '../forms/validation';
import type { Change } from './ListControls';
import { focusField, focusId, ListFieldset, replaceAt } from './ListControls';
import type { ContactForm, DateForm, PerformanceForm } from './model';
import { rowKey } from './model';

export function ContactFieldset({
  path,
  legend,
  value,
  onChange,
  errors,
}: {
  readonly path: 'director' | 'castingDirector';
  readonly legend: string;
  readonly value: ContactForm;
  readonly onChange: Change<ContactForm>;
  readonly errors: FieldErrors;
}) {
  const set = (key: keyof ContactForm) => (next: string) => onChange({ ...value, [key]: next });
  return (
    <fieldset className="group">
      <legend>{legend}</legend>
      <TextField path={`${path}.name`} label="Name" errors={errors} value={value.name} onChange={set('name')} />
      <TextField
        path={`${path}.email`}
        label="Email"
        type="email"
        errors={errors}
        value={value.email}
        onChange={set('email')}
      />
      <TextField
        path={`${path}.phone`}
        label="Phone"
        type="tel"
        errors={errors}
        value={value.phone}
        onChange={set('phone')}
        hint="International form, e.g. +442071838750."
      />
    </fieldset>
  );
}

export function VenueFieldset({
  value,
  kind,
  onChange,
  errors,
}: {
  readonly value: PerformanceForm['venue'];
  readonly kind: PerformanceForm['kind'];
  readonly onChange: Change<PerformanceForm['venue']>;
  readonly errors: FieldErrors;
}) {
  const set = (key: keyof PerformanceForm['venue']) => (next: string) => onChange({ ...value, [key]: next });
  return (
    <fieldset className="group">
      <legend>{kind === 'filmed' ? 'Studio' : 'Venue'}</legend>
      <TextField path="venue.name" label="Name" errors={errors} value={value.name} onChange={set('name')} />
      <TextField
        path="venue.address"
        label="Full address"
        errors={errors}
        value={value.address}
        onChange={set('address')}
        hint="Street, building, postcode, on one line separated by commas."
      />
      <TextField path="venue.city" label="City" errors={errors} value={value.city} onChange={set('city')} />
      <CountrySelect
        path="venue.country"
        label="Country"
        errors={errors}
        value={value.country}
        onChange={set('country')}
        emptyChoice="Choose a country"
      />
      <TimeZoneSelect
        path="venue.timeZone"
        label="Time zone of the venue"
        errors={errors}
        value={value.timeZone}
        onChange={set('timeZone')}
        hint="Dates and audition times below are local times in this zone."
      />
    </fieldset>
  );
}

export function DatesEditor({
  dates,
  zone,
  onChange,
  errors,
}: {
  readonly dates: readonly DateForm[];
  readonly zone: string;
  readonly onChange: Change<readonly DateForm[]>;
  readonly errors: FieldErrors;
}) {
  return (
    <ListFieldset
      path="dates"
      legend="Performance dates"
      hint={`Local date and time at the venue (${zone}). Filmed work may have none.`}
      errors={errors}
      addLabel="Add a date"
      onAdd={() => {
        onChange([...dates, { key: rowKey(), value: '' }]);
        focusField(`dates.${dates.length}`);
      }}
    >
      {dates.map((date, i) => (
        <div className="row" key={date.key}>
          <TextField
            path={`dates.${i}`}
            label={`Date ${i + 1}`}
            type="datetime-local"
            errors={errors}
            value={date.value}
            onChange={(value) => onChange(replaceAt(dates, i, { ...date, value }))}
          />
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              onChange(dates.filter((_, j) => j !== i));
              focusId(`${fieldId('dates')}-add`);
            }}
          >
            Remove date {i + 1}
          </button>
        </div>
      ))}
    </ListFieldset>
  );
}
