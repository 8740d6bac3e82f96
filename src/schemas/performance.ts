import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Contact, PerformanceInput, Venue } from '../domain/performance';
import { email, maxSlotCapacity, multiLine, personName, phone, singleLine, timeZone } from './common';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

const alpha2 = /^[A-Z]{2}$/;

/** An ISO 3166-1 alpha-2 country code, e.g. GB. */
export const countryCode = z
  .string()
  .regex(alpha2, 'must be a two-letter country code, like GB')
  // zod runs this check even when the regex failed, and Intl.DisplayNames throws on a malformed code.
  .refine((code) => !alpha2.test(code) || regionNames.of(code) !== code, 'is not a known country code')
  .describe('ISO 3166-1 alpha-2 country code, e.g. GB.');

const localDateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The years a slot or performance date may be in: wide enough for any real booking, narrow enough to catch typos. */
export const localDateTimeYears = { first: 2000, last: 2099 } as const;

/** A wall-clock date-time without zone, minutes precision: `2027-03-28T10:00`, in the years 2000–2099. */
export const localDateTime = z
  .string()
  .regex(localDateTimePattern, 'must be a date and time like 2027-03-28T10:00')
  // zod runs this even when the pattern failed: one message is enough then.
  .superRefine((value, ctx) => {
    if (!localDateTimePattern.test(value)) return;
    if (!DateTime.fromISO(value, { zone: 'UTC' }).isValid) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date and time' });
      return;
    }
    const year = Number(value.slice(0, 4));
    if (year < localDateTimeYears.first || year > localDateTimeYears.last) {
      ctx.addIssue({
        code: 'custom',
        message: `must be in the years ${localDateTimeYears.first} to ${localDateTimeYears.last}`,
      });
    }
  })
  .describe(
    'Local date-time at the venue, without zone: YYYY-MM-DDTHH:mm, in the years 2000 to 2099. A time the clocks ' +
      'skip when they go forward is refused (400 nonexistent-local-time, naming the gap); a time that happens ' +
      'twice when they go back means the first (earlier) of the two.',
  );

export const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id of letters, digits, _ or -')
  .describe('An identifier.');

export const contact = z.strictObject({ name: personName, email, phone }) satisfies z.ZodType<Contact>;

export const venue = z.strictObject({
  name: singleLine(200),
  address: singleLine(500).describe(
    'Full street address on one line, parts separated by commas (the studio for filmed work).',
  ),
  city: singleLine(100),
  country: countryCode,
  timeZone,
}) satisfies z.ZodType<Venue>;

export const characterAttributes = z
  .strictObject({
    ageMin: z.number().int().min(0).max(120).optional(),
    ageMax: z.number().int().min(0).max(120).optional(),
    gender: z.enum(['female', 'male', 'non-binary', 'any']).optional(),
    voiceType: z.enum(['soprano', 'mezzo-soprano', 'alto', 'countertenor', 'tenor', 'baritone', 'bass']).optional(),
  })
  .refine((a) => a.ageMin === undefined || a.ageMax === undefined || a.ageMin <= a.ageMax, {
    message: 'the youngest playing age must not be above the oldest',
    path: ['ageMin'],
  });

export const characterInput = z.strictObject({
  characterId: id.optional().describe('Give the id to keep an existing character; omit it for a new one.'),
  name: singleLine(100),
  description: multiLine(2000).default(''),
  attributes: characterAttributes.default({}),
  places: z.number().int().min(1).max(100).default(1).describe('How many performers the character takes.'),
});

export const location = z.strictObject({ name: singleLine(200), address: singleLine(500) });

export const slotInput = z.strictObject({
  slotId: id.optional().describe('Give the id to keep an existing slot; omit it for a new one.'),
  start: localDateTime,
  durationMinutes: z.number().int().min(5).max(720),
  capacity: z.number().int().min(1).max(maxSlotCapacity),
  location: location.optional().describe('Where the audition is; defaults to the venue.'),
});

const performanceFields = {
  title: singleLine(200),
  description: multiLine(5000).default(''),
  kind: z.enum(['live', 'filmed']),
  director: contact,
  castingDirector: contact,
  venue,
  dates: z.array(localDateTime).max(200).default([]).describe('Performance dates, local at the venue.'),
  characters: z.array(characterInput).min(1).max(50),
  slots: z.array(slotInput).max(100).default([]),
};

type PerformanceFields = z.output<z.ZodObject<typeof performanceFields>>;

/** An issue on each entry whose id, or name, repeats an earlier entry's. */
function refuseRepeats<T>(
  ctx: z.RefinementCtx,
  list: readonly T[],
  path: [string, string],
  key: (entry: T) => string | undefined,
  message: string,
) {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    const value = key(entry);
    if (value === undefined) return;
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [path[0], index, path[1]], message });
    seen.add(value);
  });
}

/** The rules across fields, the same for a new performance (POST) and a changed one (PUT). */
function performanceRules(p: PerformanceFields, ctx: z.RefinementCtx) {
  if (p.kind === 'live' && p.dates.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['dates'], message: 'a live performance needs at least one date' });
  }
  refuseRepeats(
    ctx,
    p.characters,
    ['characters', 'name'],
    (c) => c.name.toLowerCase(),
    'another character has this name',
  );
  refuseRepeats(
    ctx,
    p.characters,
    ['characters', 'characterId'],
    (c) => c.characterId,
    'another character has this id',
  );
  refuseRepeats(ctx, p.slots, ['slots', 'slotId'], (s) => s.slotId, 'another slot has this id');
}

export const performanceInput = z
  .strictObject(performanceFields)
  .superRefine(performanceRules) satisfies z.ZodType<PerformanceInput>;

export const performanceUpdate = z
  .strictObject({
    ...performanceFields,
    version: z.number().int().min(1).describe('The version you read; a stale one gets 409.'),
  })
  .superRefine(performanceRules) satisfies z.ZodType<PerformanceInput & { version: number }>;
export type PerformanceUpdate = z.infer<typeof performanceUpdate>;

export const performanceParams = z.strictObject({ performanceId: id });

const instantInZones = z.object({
  utc: z.string().describe('ISO instant, UTC.'),
  venue: z.string().describe('Local date-time at the venue with offset.'),
  reader: z.string().describe('The same instant in the reader’s time zone, with offset.'),
});

export const slotView = z.object({
  slotId: z.string(),
  start: z.string().describe('Local date-time at the venue.'),
  startsAt: instantInZones,
  durationMinutes: z.number(),
  capacity: z.number(),
  remaining: z.number(),
  location: location,
});

export const characterView = z.object({
  characterId: z.string(),
  name: z.string(),
  description: z.string(),
  attributes: z.object({
    ageMin: z.number().optional(),
    ageMax: z.number().optional(),
    gender: z.string().optional(),
    voiceType: z.string().optional(),
  }),
  places: z.number(),
  cast: z.number().describe('How many performers are cast in this character.'),
});

export const performanceView = z.object({
  performanceId: z.string(),
  ownerId: z.string(),
  version: z.number(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(['live', 'filmed']),
  director: contact,
  castingDirector: contact,
  venue,
  dates: z.array(z.object({ local: z.string(), startsAt: instantInZones })),
  characters: z.array(characterView),
  slots: z.array(slotView),
  castingClosed: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PerformanceView = z.infer<typeof performanceView>;
