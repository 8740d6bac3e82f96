/** The performer's directory-profile form: its value from the profile, the PATCH /me it sends, its preview card. */
import type { DirectoryCard, MyProfileView, ProfilePatch } from '../api/schemas';
import type { FieldErrors } from '../forms/validation';
import { tagsOf } from './card';

/** What the form holds: every field as typed (numbers and lists as text). */
export interface DirectoryForm {
  readonly listed: boolean;
  /** Whether directors may invite me to audition (on unless switched off). */
  readonly invitations: boolean;
  readonly ageMin: string;
  readonly ageMax: string;
  readonly gender: string;
  readonly genderCategory: string;
  readonly voiceType: string;
  readonly skills: string;
  readonly languages: string;
  readonly unions: string;
  readonly city: string;
  readonly country: string;
  readonly reel: string;
  readonly website: string;
  readonly bio: string;
}

const labels: Record<string, string> = {
  listed: 'List me in the talent directory',
  invitations: 'Directors may invite me to audition',
  ageMin: 'Playing age from',
  ageMax: 'Playing age to',
  gender: 'Gender, in your words',
  genderCategory: 'Gender category',
  voiceType: 'Voice type',
  skills: 'Skills',
  languages: 'Languages',
  unions: 'Unions',
  city: 'City',
  country: 'Country',
  'links.reel': 'Reel',
  'links.website': 'Website',
  links: 'Links',
  bio: 'Bio',
};

/** The words for a field's path in the error summary. */
export const directoryLabelOf = (path: string) => labels[path] ?? path;

/**
 * The form's value from the stored profile.
 *
 * @example directoryFormOf(profile).skills // 'singing, stage combat'
 */
export function directoryFormOf(profile: MyProfileView): DirectoryForm {
  return {
    listed: profile.listed ?? false,
    invitations: profile.invitations ?? true,
    ageMin: profile.ageMin === undefined ? '' : String(profile.ageMin),
    ageMax: profile.ageMax === undefined ? '' : String(profile.ageMax),
    gender: profile.gender ?? '',
    genderCategory: profile.genderCategory ?? '',
    voiceType: profile.voiceType ?? '',
    skills: (profile.skills ?? []).join(', '),
    languages: (profile.languages ?? []).join(', '),
    unions: (profile.unions ?? []).join(', '),
    city: profile.city ?? '',
    country: profile.country ?? '',
    reel: profile.links?.reel ?? '',
    website: profile.links?.website ?? '',
    bio: profile.bio ?? '',
  };
}

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text.trim()));
const textOrNull = (text: string) => text.trim() || null;

/**
 * The whole directory profile as one PATCH /me body: an empty field clears what was stored (null, an empty list,
 * no link). The API's schema checks it before it is sent.
 *
 * @example directoryPatchOf({ ...form, skills: 'Singing', city: '' }) // { …, skills: ['singing'], city: null }
 */
export function directoryPatchOf(form: DirectoryForm): Record<string, unknown> {
  const links: Record<string, string> = {};
  if (form.reel.trim()) links.reel = form.reel.trim();
  if (form.website.trim()) links.website = form.website.trim();
  return {
    listed: form.listed,
    invitations: form.invitations,
    ageMin: numberOrNull(form.ageMin),
    ageMax: numberOrNull(form.ageMax),
    gender: textOrNull(form.gender),
    genderCategory: textOrNull(form.genderCategory),
    voiceType: textOrNull(form.voiceType),
    skills: tagsOf(form.skills),
    languages: tagsOf(form.languages),
    unions: tagsOf(form.unions),
    city: textOrNull(form.city),
    country: textOrNull(form.country),
    links,
    bio: form.bio.trim(),
  } satisfies { [K in keyof ProfilePatch]?: unknown };
}

/**
 * Field errors as the form shows them: a problem with one tag (`skills.2`) belongs to its list's field, named
 * by the tag; the API's `links` problems stay on their link.
 */
export function directoryErrors(errors: FieldErrors, form: DirectoryForm): FieldErrors {
  const shown: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const tag = /^(skills|languages|unions)\.(\d+)$/.exec(path);
    if (tag) {
      const list = tag[1] as 'skills' | 'languages' | 'unions';
      const typed = tagsOf(form[list])[Number(tag[2])];
      shown[list] ??= typed ? `“${typed}” ${message}` : message;
    } else shown[path] ??= message;
  }
  return shown;
}

/** The card a director would see for this form's values (before saving). */
export function previewCardOf(form: DirectoryForm, profile: MyProfileView): DirectoryCard {
  const age = (text: string) => {
    const n = numberOrNull(text);
    return n === null || !Number.isInteger(n) ? undefined : n;
  };
  const known = <T extends string>(value: string) => (value ? (value as T) : undefined);
  return {
    performerId: 'preview',
    name: profile.name,
    ageMin: age(form.ageMin),
    ageMax: age(form.ageMax),
    gender: form.gender.trim() || undefined,
    genderCategory: known<NonNullable<DirectoryCard['genderCategory']>>(form.genderCategory),
    voiceType: known<NonNullable<DirectoryCard['voiceType']>>(form.voiceType),
    skills: tagsOf(form.skills),
    languages: tagsOf(form.languages),
    unions: tagsOf(form.unions),
    city: form.city.trim() || undefined,
    country: form.country || undefined,
    photos: profile.photos ?? [],
  };
}
