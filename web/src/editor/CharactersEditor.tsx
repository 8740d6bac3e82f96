import { genders, voiceTypes } from '../api/schemas';
import { SelectField, TextArea, TextField } from '../forms/fields';
import type { FieldErrors } from '../forms/validation';
import { fieldId } from '../forms/validation';
import { choicesOf, genderLabels, voiceTypeLabels } from '../ui/words';
import type { Change } from './ListControls';
import { focusField, focusId, ListFieldset, replaceAt } from './ListControls';
import type { CharacterForm } from './model';
import { emptyCharacter } from './model';

/** The cast of characters: name, description, places and the optional attributes performers search by. */
export function CharactersEditor({
  characters,
  onChange,
  errors,
}: {
  readonly characters: readonly CharacterForm[];
  readonly onChange: Change<readonly CharacterForm[]>;
  readonly errors: FieldErrors;
}) {
  return (
    <ListFieldset
      path="characters"
      legend="Characters"
      hint="At least one. Names must be different."
      errors={errors}
      addLabel="Add a character"
      onAdd={() => {
        onChange([...characters, emptyCharacter()]);
        focusField(`characters.${characters.length}.name`);
      }}
    >
      {characters.map((c, i) => {
        const p = `characters.${i}`;
        const set = (key: keyof CharacterForm) => (value: string) =>
          onChange(replaceAt(characters, i, { ...c, [key]: value }));
        return (
          <fieldset className="item" key={c.key}>
            <legend>
              Character {i + 1}
              {c.name && `: ${c.name}`}
            </legend>
            <TextField path={`${p}.name`} label="Name" errors={errors} value={c.name} onChange={set('name')} />
            <TextArea
              path={`${p}.description`}
              label="Description"
              optional
              errors={errors}
              value={c.description}
              onChange={set('description')}
              rows={3}
            />
            <TextField
              path={`${p}.places`}
              label="Performers needed"
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              className="input-short"
              errors={errors}
              value={c.places}
              onChange={set('places')}
              hint="How many performers this character takes."
            />
            <div className="row">
              <TextField
                path={`${p}.attributes.ageMin`}
                label="Youngest playing age"
                optional
                type="number"
                inputMode="numeric"
                min={0}
                max={120}
                className="input-short"
                errors={errors}
                value={c.ageMin}
                onChange={set('ageMin')}
              />
              <TextField
                path={`${p}.attributes.ageMax`}
                label="Oldest playing age"
                optional
                type="number"
                inputMode="numeric"
                min={0}
                max={120}
                className="input-short"
                errors={errors}
                value={c.ageMax}
                onChange={set('ageMax')}
              />
            </div>
            <div className="row">
              <SelectField
                path={`${p}.attributes.gender`}
                label="Gender"
                optional
                errors={errors}
                value={c.gender}
                onChange={set('gender')}
                choices={choicesOf(genders, genderLabels)}
                emptyChoice="Not specified"
              />
              <SelectField
                path={`${p}.attributes.voiceType`}
                label="Voice type"
                optional
                errors={errors}
                value={c.voiceType}
                onChange={set('voiceType')}
                choices={choicesOf(voiceTypes, voiceTypeLabels)}
                emptyChoice="Not specified"
              />
            </div>
            {characters.length > 1 && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  onChange(characters.filter((_, j) => j !== i));
                  focusId(`${fieldId('characters')}-add`);
                }}
              >
                Remove character {i + 1}
              </button>
            )}
          </fieldset>
        );
      })}
    </ListFieldset>
  );
}
