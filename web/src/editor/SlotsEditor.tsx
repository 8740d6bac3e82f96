import { Checkbox, TextField } from '../forms/fields';
import type { FieldErrors } from '../forms/validation';
import { fieldId } from '../forms/validation';
import type { Change } from './ListControls';
import { focusField, focusId, ListFieldset, replaceAt } from './ListControls';
import type { SlotForm } from './model';
import { emptySlot } from './model';

/** Audition slots: local start at the venue, duration, places, and a location when it is not the venue. */
export function SlotsEditor({
  slots,
  zone,
  onChange,
  errors,
}: {
  readonly slots: readonly SlotForm[];
  readonly zone: string;
  readonly onChange: Change<readonly SlotForm[]>;
  readonly errors: FieldErrors;
}) {
  return (
    <ListFieldset
      path="slots"
      legend="Audition slots"
      hint={`When performers audition. Start is the local time at the venue (${zone}). A time the clocks skip when they go forward is refused; a time that happens twice when they go back means the first one.`}
      errors={errors}
      addLabel="Add a slot"
      onAdd={() => {
        onChange([...slots, emptySlot()]);
        focusField(`slots.${slots.length}.start`);
      }}
    >
      {slots.map((s, i) => {
        const p = `slots.${i}`;
        const update = (patch: Partial<SlotForm>) => onChange(replaceAt(slots, i, { ...s, ...patch }));
        const set =
          (key: 'start' | 'durationMinutes' | 'capacity' | 'locationName' | 'locationAddress') => (value: string) =>
            update({ [key]: value });
        return (
          <fieldset className="item" key={s.key}>
            <legend>Slot {i + 1}</legend>
            <TextField
              path={`${p}.start`}
              label="Start"
              type="datetime-local"
              errors={errors}
              value={s.start}
              onChange={set('start')}
            />
            <div className="row">
              <TextField
                path={`${p}.durationMinutes`}
                label="Duration in minutes"
                type="number"
                inputMode="numeric"
                min={5}
                max={720}
                className="input-short"
                errors={errors}
                value={s.durationMinutes}
                onChange={set('durationMinutes')}
              />
              <TextField
                path={`${p}.capacity`}
                label="Places"
                type="number"
                inputMode="numeric"
                min={1}
                max={500}
                className="input-short"
                errors={errors}
                value={s.capacity}
                onChange={set('capacity')}
                hint="How many performers."
              />
            </div>
            <Checkbox
              path={`${p}.elsewhere`}
              label="The audition is not at the venue"
              checked={s.elsewhere}
              onChange={(elsewhere) => update({ elsewhere })}
            />
            {s.elsewhere && (
              <>
                <TextField
                  path={`${p}.location.name`}
                  label="Audition place"
                  errors={errors}
                  value={s.locationName}
                  onChange={set('locationName')}
                />
                <TextField
                  path={`${p}.location.address`}
                  label="Its address"
                  errors={errors}
                  value={s.locationAddress}
                  onChange={set('locationAddress')}
                />
              </>
            )}
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                onChange(slots.filter((_, j) => j !== i));
                focusId(`${fieldId('slots')}-add`);
              }}
            >
              Remove slot {i + 1}
            </button>
          </fieldset>
        );
      })}
    </ListFieldset>
  );
}
