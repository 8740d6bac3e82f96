import * as z from 'zod/mini';
import type { SearchQuery } from '../domain/search-plan';
import { countryCode, genders, kinds, lineText, singleLine, voiceTypes } from './common';

const bool = z.pipe(
  z.enum(['true', 'false']),
  z.transform((v) => v === 'true'),
);
const isoDate = z.iso.date().check(z.describe('A calendar date, YYYY-MM-DD.'));
const described = <T extends z.ZodMiniType>(schema: T, text: string) => schema.check(z.describe(text));

export const searchQuery = z
  .strictObject({
    q: described(z.optional(lineText(200)), 'Words from the title, description, characters, venue or city.'),
    city: z.optional(singleLine(100)),
    country: z.optional(countryCode),
    from: described(z.optional(isoDate), 'Performances running on or after this date.'),
    to: described(z.optional(isoDate), 'Performances running on or before this date.'),
    kind: z.optional(z.enum(kinds)),
    gender: z.optional(z.enum(genders)),
    voiceType: z.optional(z.enum(voiceTypes)),
    age: described(
      z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(120))),
      'A playing age the character’s range includes.',
    ),
    includeClosed: described(z.optional(bool), 'Also list performances with no open audition (default false).'),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(50)), 20),
    cursor: described(
      z.optional(z.string().check(z.maxLength(2000))),
      'The `next` value of the previous page, with the same filters (the page size may change).',
    ),
  })
  .check(
    z.refine((q) => !q.city || q.country, { message: 'give the country with the city', path: ['country'] }),
    z.refine((q) => !q.from || !q.to || q.from <= q.to, {
      message: 'the first date must not be after the last',
      path: ['from'],
    }),
  ) satisfies z.ZodMiniType<SearchQuery>;
export type { SearchQuery } from '../domain/search-plan';

export const searchResult = z.object({
  performanceId: z.string(),
  title: z.string(),
  kind: z.enum(kinds),
  venueName: z.string(),
  city: z.string(),
  country: z.string(),
  timeZone: z.string(),
  nextAudition: described(z.nullable(z.string()), 'The next audition start (ISO UTC), or null when none is open.'),
  firstDate: described(z.optional(z.iso.date()), 'The first day it runs (YYYY-MM-DD), in the venue’s calendar.'),
  lastDate: described(z.optional(z.iso.date()), 'The last day it runs (YYYY-MM-DD), in the venue’s calendar.'),
  characters: z.array(z.string()),
});
export type SearchResultView = z.infer<typeof searchResult>;

export const searchPage = z.object({
  results: z.array(searchResult),
  next: described(z.nullable(z.string()), 'Pass as `cursor` for the next page; null on the last page.'),
});
