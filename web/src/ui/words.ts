import type { Gender, Kind, SignUpStatus, VoiceType } from '../api/schemas';
import type { Choice } from '../forms/fields';

/** The words people read for the API's enum values. */
export const kindLabels: Record<Kind, string> = { live: 'Live', filmed: 'Filmed' };

export const genderLabels: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  'non-binary': 'Non-binary',
  any: 'Any gender',
};

export const voiceTypeLabels: Record<VoiceType, string> = {
  soprano: 'Soprano',
  'mezzo-soprano': 'Mezzo-soprano',
  alto: 'Alto',
  countertenor: 'Countertenor',
  tenor: 'Tenor',
  baritone: 'Baritone',
  bass: 'Bass',
};

export const statusLabels: Record<SignUpStatus, string> = {
  'signed-up': 'Signed up',
  withdrawn: 'Withdrawn',
  cast: 'Cast',
  'not-cast': 'Not cast',
  cancelled: 'Cancelled',
};

export function choicesOf<T extends string>(values: readonly T[], labels: Record<T, string>): Choice[] {
  return values.map((value) => ({ value, label: labels[value] }));
}
