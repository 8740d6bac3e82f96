import type { Kind, PerformanceView, ProfileView } from '../api/schemas';
import { detectedTimeZone } from '../forms/places';

/** The editor's state: every field as the text the inputs hold; converted to the API's input on submit. */
export interface ContactForm {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

export interface CharacterForm {
  readonly key: number;
  readonly characterId?: string;
  readonly name: string;
  readonly description: string;
  readonly places: string;
  readonly ageMin: string;
  readonly ageMax: string;
  readonly gender: string;
  readonly voiceType: string;
}

export interface SlotForm {
  readonly key: number;
  readonly slotId?: string;
  readonly start: string;
  readonly durationMinutes: string;
  readonly capacity: string;
  /** The audition is somewhere other than the venue. */
  readonly elsewhere: boolean;
  readonly locationName: string;
  readonly locationAddress: string;
}

export interface DateForm {
  readonly key: number;
  readonly value: string;
}

export interface PerformanceForm {
  readonly title: string;
  readonly description: string;
  readonly kind: Kind | '';
  readonly director: ContactForm;
  readonly castingDirector: ContactForm;
  readonly venue: {
    readonly name: string;
    readonly address: string;
    readonly city: string;
    readonly country: string;
    readonly timeZone: string;
  };
  readonly dates: readonly DateForm[];
  readonly characters: readonly CharacterForm[];
  readonly slots: readonly SlotForm[];
}

let nextKey = 1;
/** A key for a new list row, so React keeps each row's inputs (and focus) when rows are added or removed. */
export const rowKey = () => nextKey++;

export const emptyCharacter = (): CharacterForm => ({
  key: rowKey(),
  name: '',
  description: '',
  places: '1',
  ageMin: '',
  ageMax: '',
  gender: '',
  voiceType: '',
});

export const emptySlot = (): SlotForm => ({
  key: rowKey(),
  start: '',
  durationMinutes: '15',
  capacity: '1',
  elsewhere: false,
  locationName: '',
  locationAddress: '',
});

/** A new performance, with me as director. */
export function newPerformanceForm(me: ProfileView): PerformanceForm {
  const contact = { name: me.name, email: me.email, phone: me.phone };
  return {
    title: '',
    description: '',
    kind: 'live',
    director: contact,
    castingDirector: contact,
    venue: { name: '', address: '', city: '', country: '', timeZone: detectedTimeZone() },
    dates: [{ key: rowKey(), value: '' }],
    characters: [emptyCharacter()],
    slots: [emptySlot()],
  };
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The form for an existing performance; ids are kept so characters and slots keep their sign-ups. */
export function performanceForm(p: PerformanceView): PerformanceForm {
  const venueAddress = `${p.venue.name}\n${p.venue.address}`;
  return {
    title: p.title,
    description: p.description,
    kind: p.kind,
    director: { ...p.director },
    castingDirector: { ...p.castingDirector },
    venue: { ...p.venue },
    dates: p.dates.map((d) => ({ key: rowKey(), value: d.local })),
    characters: p.characters.map((c) => ({
      key: rowKey(),
      characterId: c.characterId,
      name: c.name,
      description: c.description,
      places: String(c.places),
      ageMin: text(c.attributes.ageMin),
      ageMax: text(c.attributes.ageMax),
      gender: text(c.attributes.gender),
      voiceType: text(c.attributes.voiceType),
    })),
    slots: p.slots.map((s) => ({
      key: rowKey(),
      slotId: s.slotId,
      start: s.start,
      durationMinutes: String(s.durationMinutes),
      capacity: String(s.capacity),
      elsewhere: `${s.location.name}\n${s.location.address}` !== venueAddress,
      locationName: s.location.name,
      locationAddress: s.location.address,
    })),
  };
}

/** '' → undefined (the schema says "is required" or leaves an optional field out); otherwise a number. */
const numberOrUndefined = (value: string) => (value.trim() === '' ? undefined : Number(value));
const textOrUndefined = (value: string) => (value === '' ? undefined : value);

/** The form as the API's `performanceInput`, before validation. */
export function performanceInputOf(form: PerformanceForm): Record<string, unknown> {
  return {
    title: form.title,
    description: form.description,
    kind: textOrUndefined(form.kind),
    director: form.director,
    castingDirector: form.castingDirector,
    venue: { ...form.venue, country: textOrUndefined(form.venue.country) },
    // A date row left empty means no date (filmed work may have none); datetime inputs hold only valid values.
    dates: form.dates.map((d) => d.value).filter((value) => value !== ''),
    characters: form.characters.map((c) => ({
      ...(c.characterId ? { characterId: c.characterId } : {}),
      name: c.name,
      description: c.description,
      places: numberOrUndefined(c.places),
      attributes: {
        ageMin: numberOrUndefined(c.ageMin),
        ageMax: numberOrUndefined(c.ageMax),
        gender: textOrUndefined(c.gender),
        voiceType: textOrUndefined(c.voiceType),
      },
    })),
    slots: form.slots.map((s) => ({
      ...(s.slotId ? { slotId: s.slotId } : {}),
      start: textOrUndefined(s.start),
      durationMinutes: numberOrUndefined(s.durationMinutes),
      capacity: numberOrUndefined(s.capacity),
      location: s.elsewhere ? { name: s.locationName, address: s.locationAddress } : undefined,
    })),
  };
}

const fieldWords: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  kind: 'Kind',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  city: 'City',
  country: 'Country',
  timeZone: 'Time zone',
  places: 'Performers needed',
  ageMin: 'Youngest playing age',
  ageMax: 'Oldest playing age',
  gender: 'Gender',
  voiceType: 'Voice type',
  start: 'Start',
  durationMinutes: 'Duration',
  capacity: 'Places',
  location: 'Location',
  dates: 'Performance dates',
  characters: 'Characters',
  slots: 'Audition slots',
  version: 'Version',
};

/** "characters.1.name" → "Character 2, Name"; used by the error summary. */
export function editorLabel(path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  const section: Record<string, string> = {
    director: 'Director',
    castingDirector: 'Casting director',
    venue: 'Venue',
    characters: 'Character',
    slots: 'Slot',
    dates: 'Date',
    location: 'Location',
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const index = parts[i + 1];
    if (part === 'attributes') continue;
    if (section[part] && index !== undefined && /^\d+$/.test(index)) {
      words.push(`${section[part]} ${Number(index) + 1}`);
      i++;
    } else if (section[part] && i < parts.length - 1) {
      words.push(section[part]);
    } else {
      words.push(fieldWords[part] ?? part);
    }
  }
  return words.join(', ');
}
