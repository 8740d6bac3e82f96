import * as z from 'zod/mini';
import type { DirectoryQuery } from '../domain/directory-search';
import { countryCode, genders, id, lineText, multiLine, singleLine, voiceTypes } from './common';
import { photoList } from './photos';

const described = <T extends z.ZodMiniType>(schema: T, text: string) => schema.check(z.describe(text));

const tagPattern = /^[\p{L}\p{N}](?:[\p{L}\p{N} '&+.-]*[\p{L}\p{N}.+])?$/u;

/** A skill, language or union as a tag: lower-case, single spaces, letters, digits and ` '&+.-`, at most 40. */
export const tag = z.string().check(
  z.overwrite((s) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/gu, ' ')),
  z.minLength(1),
  z.maxLength(40),
  z.regex(tagPattern, "must be a word or short phrase of letters, digits, spaces or - ' & + ."),
);

/** A list of tags, duplicates dropped. */
const tags = (max: number, text: string) =>
  described(
    z.array(tag).check(
      z.maxLength(max),
      z.overwrite((list) => [...new Set(list)]),
    ),
    text,
  );

/** An https URL (no other scheme: a link a director opens must not run script or leave TLS). */
export const httpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .check(z.maxLength(500), z.describe('An https URL.'));

const playingAge = z.number().check(z.int(), z.gte(0), z.lte(120));
const clearable = <T extends z.ZodMiniType>(schema: T, text: string) =>
  described(z.optional(z.nullable(schema)), `${text} null clears it.`);

export const directoryLinks = z.strictObject({ reel: z.optional(httpsUrl), website: z.optional(httpsUrl) });

/**
 * The directory fields of `PATCH /me` (performers only): each optional; null clears a single value, an empty list
 * or `{}` clears a list or the links.
 */
export const directoryPatchFields = {
  listed: described(
    z.optional(z.boolean()),
    'Whether directors can find me in the talent directory (false until switched on).',
  ),
  ageMin: clearable(playingAge, 'The youngest age I can play.'),
  ageMax: clearable(playingAge, 'The oldest age I can play.'),
  gender: clearable(singleLine(50), 'My gender, as I describe it.'),
  genderCategory: clearable(z.enum(genders), 'The gender category directors search by.'),
  voiceType: clearable(z.enum(voiceTypes), 'My voice type.'),
  skills: z.optional(tags(20, 'Skills, e.g. singing, stage combat (at most 20).')),
  languages: z.optional(tags(10, 'Languages I perform in (at most 10).')),
  unions: z.optional(tags(5, 'Union memberships, e.g. equity (at most 5).')),
  city: clearable(singleLine(100), 'The city I work from.'),
  country: clearable(countryCode, 'The country I work from.'),
  links: described(z.optional(directoryLinks), 'My reel and website (replaces both; {} clears them).'),
  bio: described(z.optional(multiLine(1000)), 'A short bio (at most 1000 characters; empty clears it).'),
};

/** The directory fields as a profile shows them to its owner. */
export const directoryProfileFields = {
  listed: z.optional(z.boolean()),
  ageMin: z.optional(z.number()),
  ageMax: z.optional(z.number()),
  gender: z.optional(z.string()),
  genderCategory: z.optional(z.enum(genders)),
  voiceType: z.optional(z.enum(voiceTypes)),
  skills: z.optional(z.array(z.string())),
  languages: z.optional(z.array(z.string())),
  unions: z.optional(z.array(z.string())),
  city: z.optional(z.string()),
  country: z.optional(z.string()),
  links: z.optional(z.object({ reel: z.optional(z.string()), website: z.optional(z.string()) })),
  bio: z.optional(z.string()),
};

/** A comma-separated list of tags in a query string (all must hold). */
const tagQuery = (max: number, text: string) =>
  described(
    z.optional(
      z.pipe(
        z.pipe(
          z.string().check(z.maxLength(500)),
          z.transform((s) => s.split(',')),
        ),
        z.array(tag).check(z.minLength(1), z.maxLength(max)),
      ),
    ),
    text,
  );

const queryAge = z.coerce.number().check(z.int(), z.gte(0), z.lte(120));

export const directoryQuery = z
  .strictObject({
    q: described(z.optional(lineText(200)), 'Words from the performer’s name or bio (all of them).'),
    age: described(z.optional(queryAge), 'A playing age the performer’s range includes.'),
    ageMin: described(z.optional(queryAge), 'With ageMax: an age range the performer’s range overlaps.'),
    ageMax: described(z.optional(queryAge), 'With ageMin: an age range the performer’s range overlaps.'),
    gender: z.optional(z.enum(genders)),
    voiceType: z.optional(z.enum(voiceTypes)),
    skills: tagQuery(10, 'Comma-separated skills; the performer has every one.'),
    languages: tagQuery(5, 'Comma-separated languages; the performer has every one.'),
    union: described(z.optional(tag), 'A union the performer belongs to.'),
    city: z.optional(singleLine(100)),
    country: z.optional(countryCode),
    limit: described(
      z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(20)), 10),
      "The page size. Each result costs one strongly consistent read of the performer's profile.",
    ),
    cursor: described(
      z.optional(z.string().check(z.maxLength(2000))),
      'The `next` value of the previous page, with the same filters (the page size may change).',
    ),
  })
  .check(
    z.refine((q) => !q.city || q.country, { message: 'give the country with the city', path: ['country'] }),
    z.refine((q) => q.age === undefined || (q.ageMin === undefined && q.ageMax === undefined), {
      message: 'give either age or an age range, not both',
      path: ['age'],
    }),
    z.refine((q) => q.ageMin === undefined || q.ageMax === undefined || q.ageMin <= q.ageMax, {
      message: 'the youngest age must not be above the oldest',
      path: ['ageMin'],
    }),
  ) satisfies z.ZodMiniType<DirectoryQuery>;

/** A performer as a directory result: what they play and where; never a contact detail. */
const directoryCardShape = {
  performerId: z.string(),
  name: z.string(),
  ageMin: z.optional(z.number()),
  ageMax: z.optional(z.number()),
  gender: z.optional(z.string()),
  genderCategory: z.optional(z.enum(genders)),
  voiceType: z.optional(z.enum(voiceTypes)),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  unions: z.array(z.string()),
  city: z.optional(z.string()),
  country: z.optional(z.string()),
  photos: photoList,
};
export const directoryCard = z.object(directoryCardShape);

export const directoryPage = z.object({
  results: z.array(directoryCard),
  next: described(z.nullable(z.string()), 'Pass as `cursor` for the next page; null on the last page.'),
});

const careerRef = z.object({
  performanceId: z.string(),
  title: z.string(),
  character: z.string(),
  lastDate: z.nullable(z.iso.date()),
});

const creditView = z.object({
  title: z.string(),
  role: z.string(),
  year: z.number(),
  company: z.optional(z.string()),
});

/** A listed performer's directory page: attributes, credits, links and bio; no contact details, no access needs. */
export const directoryPerformerView = z.object({
  ...directoryCardShape,
  bio: z.optional(z.string()),
  links: z.object({ reel: z.optional(z.string()), website: z.optional(z.string()) }),
  credits: z.array(creditView),
  currentPerformances: z.array(careerRef),
  pastPerformances: z.array(careerRef),
});

/** The path of a performer's directory page. */
export const directoryPerformerParams = z.strictObject({ performerId: id });
