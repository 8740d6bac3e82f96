import { z } from 'zod';
import type { SearchQuery } from '../domain/search-plan';
import { lineText, singleLine } from './common';
import { countryCode } from './performance';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD.');

export const searchQuery = z
  .strictObject({
    q: lineText(200).optional().describe('Words from the title, description, characters, venue or city.'),
    city: singleLine(100).optional(),
    country: countryCode.optional(),
    from: isoDate.optional().describe('Performances running on or after this date.'),
    to: isoDate.optional().describe('Performances running on or before this date.'),
    kind: z.enum(['live', 'filmed']).optional(),
    gender: z.enum(['female', 'male', 'non-binary', 'any']).optional(),
    voiceType: z.enum(['soprano', 'mezzo-soprano', 'alto', 'countertenor', 'tenor', 'baritone', 'bass']).optional(),
    age: z.coerce.number().int().min(0).max(120).optional().describe('A playing age the character’s range includes.'),
    includeClosed: bool.optional().describe('Also list performances with no open audition (default false).'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z
      .string()
      .max(2000)
      .optional()
      .describe('The `next` value of the previous page, with the same filters (the page size may change).'),
  })
  .refine((q) => !q.city || q.country, { message: 'give the country with the city', path: ['country'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'the first date must not be after the last',
    path: ['from'],
  }) satisfies z.ZodType<SearchQuery>;
export type { SearchQuery } from '../domain/search-plan';

export const searchResult = z.object({
  performanceId: z.string(),
  title: z.string(),
  kind: z.enum(['live', 'filmed']),
  venueName: z.string(),
  city: z.string(),
  country: z.string(),
  timeZone: z.string(),
  nextAudition: z.string().nullable().describe('The next audition start (ISO UTC), or null when none is open.'),
  firstDate: z.iso.date().optional().describe('The first day it runs (YYYY-MM-DD), in the venue’s calendar.'),
  lastDate: z.iso.date().optional().describe('The last day it runs (YYYY-MM-DD), in the venue’s calendar.'),
  characters: z.array(z.string()),
});
export type SearchResultView = z.infer<typeof searchResult>;

export const searchPage = z.object({
  results: z.array(searchResult),
  next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});
