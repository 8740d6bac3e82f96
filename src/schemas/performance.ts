import * as z from 'zod/mini';
import { isCalendarDateTime } from '../domain/local-date-time';
import type { Contact, PerformanceInput, Venue } from '../domain/performance';
import {
  countryCode,
  email,
  genders,
  id,
  kinds,
  maxSlotCapacity,
  multiLine,
  personName,
  singleLine,
  timeZone,
  voiceTypes,
} from './common';
import { phone } from './phone';

export { countryCode, genders, id, kinds, voiceTypes } from './common';
export { performanceParams } from './params';

const localDateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The years a slot or performance date may be in: wide enough for any real booking, narrow enough to catch typos. */
export const localDateTimeYears = { first: 2000, last: 2099 } as const;

/** A wall-clock date-time without zone, minutes precision: `2027-03-28T10:00`, in the years 2000–2099. */
export const localDateTime = z.string().check(
  z.regex(localDateTimePattern, 'must be a date and time like 2027-03-28T10:00'),
  // zod runs this even when the pattern failed: one message is enough then.
  z.superRefine((value, ctx) => {
    if (!localDateTimePattern.test(value)) return;
    const [year, month, day, hour, minute] = value.split(/[-T:]/).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (!isCalendarDateTime({ year, month, day, hour, minute })) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date and time' });
      return;
    }
    if (year < localDateTimeYears.first || year > localDateTimeYears.last) {
      ctx.addIssue({
        code: 'custom',
        message: `must be in the years ${localDateTimeYears.first} to ${localDateTimeYears.last}`,
      });
    }
  }),
  z.describe(
    'Local date-time at the venue, without zone: YYYY-MM-DDTHH:mm, in the years 2000 to 2099. A time the clocks ' +
      'skip when they go forward is refused (400 nonexistent-local-time, naming the gap); a time that happens ' +
      'twice when they go back means the first (earlier) of the two.',
  ),
);

export const contact = z.strictObject({ name: personName, email, phone }) satisfies z.ZodMiniType<Contact>;

export const venue = z.strictObject({
  name: singleLine(200),
  address: singleLine(500).check(
    z.describe('Full street address on one line, parts separated by commas (the studio for filmed work).'),
  ),
  city: singleLine(100),
  country: countryCode,
  timeZone,
}) satisfies z.ZodMiniType<Venue>;

/** A whole number from `min` to `max`. */
const whole = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));

export const characterAttributes = z
  .strictObject({
    ageMin: z.optional(whole(0, 120)),
    ageMax: z.optional(whole(0, 120)),
    gender: z.optional(z.enum(genders)),
    voiceType: z.optional(z.enum(voiceTypes)),
  })
  .check(
    z.refine((a) => a.ageMin === undefined || a.ageMax === undefined || a.ageMin <= a.ageMax, {
      message: 'the youngest playing age must not be above the oldest',
      path: ['ageMin'],
    }),
  );

export const characterInput = z.strictObject({
  characterId: z.optional(id).check(z.describe('Give the id to keep an existing character; omit it for a new one.')),
  name: singleLine(100),
  description: z._default(multiLine(2000), ''),
  attributes: z._default(characterAttributes, {}),
  places: z._default(whole(1, 100), 1).check(z.describe('How many performers the character takes.')),
});

export const location = z.strictObject({ name: singleLine(200), address: singleLine(500) });

export const slotInput = z.strictObject({
  slotId: z.optional(id).check(z.describe('Give the id to keep an existing slot; omit it for a new one.')),
  start: localDateTime,
  durationMinutes: whole(5, 720),
  capacity: whole(1, maxSlotCapacity),
  location: z.optional(location).check(z.describe('Where the audition is; defaults to the venue.')),
});

const performanceFields = {
  title: singleLine(200),
  description: z._default(multiLine(5000), ''),
  kind: z.enum(kinds),
  director: contact,
  castingDirector: contact,
  venue,
  dates: z
    ._default(z.array(localDateTime).check(z.maxLength(200)), [])
    .check(z.describe('Performance dates, local at the venue.')),
  characters: z.array(characterInput).check(z.minLength(1), z.maxLength(50)),
  slots: z._default(z.array(slotInput).check(z.maxLength(100)), []),
};

type PerformanceFields = z.output<z.ZodMiniObject<typeof performanceFields>>;
type RefinementCtx = z.core.$RefinementCtx;

/** An issue on each entry whose id, or name, repeats an earlier entry's. */
function refuseRepeats<T>(
  ctx: RefinementCtx,
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
function performanceRules(p: PerformanceFields, ctx: RefinementCtx) {
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
  .check(z.superRefine(performanceRules)) satisfies z.ZodMiniType<PerformanceInput>;

export const performanceUpdate = z
  .strictObject({
    ...performanceFields,
    version: z.number().check(z.int(), z.gte(1), z.describe('The version you read; a stale one gets 409.')),
  })
  .check(z.superRefine(performanceRules)) satisfies z.ZodMiniType<PerformanceInput & { version: number }>;
export type PerformanceUpdate = z.infer<typeof performanceUpdate>;

const described = (text: string) => z.string().check(z.describe(text));

const instantInZones = z.object({
  utc: described('ISO instant, UTC.'),
  venue: described('Local date-time at the venue with offset.'),
  reader: described('The same instant in the reader’s time zone, with offset.'),
});

export const slotView = z.object({
  slotId: z.string(),
  start: described('Local date-time at the venue.'),
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
    ageMin: z.optional(z.number()),
    ageMax: z.optional(z.number()),
    gender: z.optional(z.string()),
    voiceType: z.optional(z.string()),
  }),
  places: z.number(),
  cast: z.number().check(z.describe('How many performers are cast in this character.')),
});

export const performanceView = z.object({
  performanceId: z.string(),
  ownerId: z.string(),
  version: z.number(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(kinds),
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
