import { InUseError, InvalidReferenceError, NonexistentLocalTimeError, VersionConflictError } from './errors';
import type { PerformanceState } from './ports/performances';
import { localTimeGap, parseLocalDateTime, wallClockInstant } from './zoned-time';

/** A person the performance names (its director, its casting director). */
export interface Contact {
  readonly name: string;
  readonly email: string;
  /** E.164. */
  readonly phone: string;
}

export interface Venue {
  readonly name: string;
  /** The full street address on one line (the studio for filmed work). */
  readonly address: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2, e.g. `GB`. */
  readonly country: string;
  /** The canonical IANA zone of the venue; its local times are read in it. */
  readonly timeZone: string;
}

export interface Character {
  readonly characterId: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: {
    readonly ageMin?: number;
    readonly ageMax?: number;
    readonly gender?: string;
    readonly voiceType?: string;
  };
  readonly places: number;
}

export interface AuditionSlot {
  readonly slotId: string;
  /** Local date-time at the venue, `YYYY-MM-DDTHH:mm`. */
  readonly start: string;
  readonly durationMinutes: number;
  readonly capacity: number;
  readonly location: { readonly name: string; readonly address: string };
}

/** A performance as stored: the owner's input with ids assigned. */
export interface Performance {
  readonly performanceId: string;
  readonly ownerId: string;
  readonly version: number;
  readonly title: string;
  readonly description: string;
  readonly kind: 'live' | 'filmed';
  readonly director: Contact;
  readonly castingDirector: Contact;
  readonly venue: Venue;
  readonly dates: readonly string[];
  readonly characters: readonly Character[];
  readonly slots: readonly AuditionSlot[];
  readonly castingClosed: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What an owner writes to create or replace a performance; an id given keeps that character or slot. */
export interface PerformanceInput {
  readonly title: string;
  readonly description: string;
  readonly kind: 'live' | 'filmed';
  readonly director: Contact;
  readonly castingDirector: Contact;
  readonly venue: Venue;
  /** Local date-times at the venue. */
  readonly dates: readonly string[];
  readonly characters: readonly (Omit<Character, 'characterId'> & { readonly characterId?: string })[];
  readonly slots: readonly (Omit<AuditionSlot, 'slotId' | 'location'> & {
    readonly slotId?: string;
    /** Defaults to the venue. */
    readonly location?: AuditionSlot['location'];
  })[];
}

/**
 * The absolute instant of a local date-time at a venue, with the one rule for times that daylight saving skips
 * or repeats (see ./zoned-time).
 * @example localToInstant('2027-03-28T10:00', 'Europe/London') // 2027-03-28T09:00:00.000Z (BST)
 */
export function localToInstant(local: string, timeZone: string): Date {
  return wallClockInstant(parseLocalDateTime(local), timeZone);
}

/** When a slot starts and ends, as instants. */
export function slotTimes(slot: AuditionSlot, venueTimeZone: string): { start: Date; end: Date } {
  const start = localToInstant(slot.start, venueTimeZone);
  return { start, end: new Date(start.getTime() + slot.durationMinutes * 60_000) };
}

/** The instant of the last performance date, or undefined for work with no dates. */
export function lastPerformanceInstant(performance: Pick<Performance, 'dates' | 'venue'>): Date | undefined {
  const instants = performance.dates.map((d) => localToInstant(d, performance.venue.timeZone).getTime());
  return instants.length ? new Date(Math.max(...instants)) : undefined;
}

/**
 * Refuses local times that never happen at the venue (inside a spring-forward gap): the slot would otherwise be
 * moved silently, and every reminder with it. Times that happen twice (fall-back) mean the earlier one.
 *
 * @example assertLocalTimesExist({ venue: { timeZone: 'America/Denver' }, dates: [], slots: [{ start: '2027-03-14T02:45' }] })
 *   // throws NonexistentLocalTimeError: 02:00–03:00 on 2027-03-14 is skipped
 */
export function assertLocalTimesExist(input: {
  readonly venue: { readonly timeZone: string };
  readonly dates: readonly string[];
  readonly slots: readonly { readonly start: string }[];
}): void {
  const zone = input.venue.timeZone;
  const times = [
    ...input.slots.map((slot, i) => ({ path: `body.slots.${i}.start`, local: slot.start })),
    ...input.dates.map((local, i) => ({ path: `body.dates.${i}`, local })),
  ];
  const issues = times.flatMap(({ path, local }) => {
    const gap = localTimeGap(parseLocalDateTime(local), zone);
    if (!gap) return [];
    const [fromDay, fromTime] = gap.from.split('T');
    const [toDay, toTime] = gap.to.split('T');
    const skipped = fromDay === toDay ? `${fromTime}–${toTime} on ${fromDay}` : `${gap.from}–${gap.to}`;
    return [{ path, message: `${local} does not exist in ${zone}: ${skipped} is skipped; clocks go forward.` }];
  });
  if (issues.length > 0) throw new NonexistentLocalTimeError((issues[0] as { message: string }).message, issues);
}

/**
 * Builds the stored performance from the owner's input, keeping the ids of characters and slots the input
 * names and giving new ones fresh ids. An id the previous version does not have is an error.
 *
 * @example buildPerformance(input, { performanceId, ownerId, now, newId, previous: undefined })
 */
export function buildPerformance(
  input: PerformanceInput,
  context: { performanceId: string; ownerId: string; now: Date; newId: () => string; previous?: Performance },
): Performance {
  const { previous, now, newId } = context;
  assertLocalTimesExist(input);
  const known = (ids: Set<string>, id: string | undefined, what: string) => {
    if (id !== undefined && !ids.has(id))
      throw new InvalidReferenceError(`No ${what} with id ${id} in this performance.`);
    return id ?? newId();
  };
  const characterIds = new Set(previous?.characters.map((c) => c.characterId));
  const slotIds = new Set(previous?.slots.map((s) => s.slotId));
  return {
    performanceId: context.performanceId,
    ownerId: context.ownerId,
    version: (previous?.version ?? 0) + 1,
    title: input.title,
    description: input.description,
    kind: input.kind,
    director: input.director,
    castingDirector: input.castingDirector,
    venue: input.venue,
    dates: [...input.dates].sort(),
    characters: input.characters.map((c) => ({
      characterId: known(characterIds, c.characterId, 'character'),
      name: c.name,
      description: c.description,
      attributes: c.attributes,
      places: c.places,
    })),
    slots: input.slots
      .map((s) => ({
        slotId: known(slotIds, s.slotId, 'slot'),
        start: s.start,
        durationMinutes: s.durationMinutes,
        capacity: s.capacity,
        location: s.location ?? { name: input.venue.name, address: input.venue.address },
      }))
      .sort((a, b) => a.start.localeCompare(b.start)),
    castingClosed: previous?.castingClosed ?? false,
    createdAt: previous?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export interface SlotChanges {
  readonly removed: readonly AuditionSlot[];
  /** Slots whose time or place changed: their performers get an updated invite and a re-planned reminder. */
  readonly moved: readonly { before: AuditionSlot; after: AuditionSlot }[];
}

/** What an edit does to the slots that performers may have signed up for. */
export function slotChanges(before: Performance, after: Performance): SlotChanges {
  const next = new Map(after.slots.map((s) => [s.slotId, s]));
  const removed = before.slots.filter((s) => !next.has(s.slotId));
  const moved = before.slots.flatMap((s) => {
    const changed = next.get(s.slotId);
    const differs =
      changed &&
      (changed.start !== s.start ||
        changed.durationMinutes !== s.durationMinutes ||
        changed.location.address !== s.location.address ||
        before.venue.timeZone !== after.venue.timeZone);
    return differs ? [{ before: s, after: changed }] : [];
  });
  return { removed, moved };
}

/**
 * The refusals of an edit that would break a commitment, one wording whether the edit's own reading found it or
 * the store's condition did (a casting written between the edit's read and its write).
 */
export const editRefusals = {
  slotWithCast: () => new InUseError('A slot in which performers were cast cannot be removed.'),
  characterInUse: () => new InUseError('A character that performers signed up for or were cast as cannot be removed.'),
  characterOverCast: (name: string, cast: number) => new InUseError(`${name} already has ${cast} performers cast.`),
};

/**
 * What an edit takes from castings, for the store to check in the same write as the edit: the slots it removes
 * (each must hold nobody cast) and the characters it removes (places 0) or gives fewer places (each must have no
 * more performers cast than that). Castings decided meanwhile are counted there, not in what the edit read.
 */
export interface CastingLimits {
  readonly removedSlots: readonly { readonly slotId: string }[];
  readonly characters: readonly {
    readonly characterId: string;
    readonly name: string;
    /** At most this many may be cast: 0 for a character the edit removes. */
    readonly places: number;
    readonly removed: boolean;
  }[];
}

/**
 * The casting limits of an edit from `before` to `after`.
 * @example castingLimits(before, after) // { removedSlots: [{ slotId: 's2' }], characters: [{ characterId: 'c1', name: 'Hamlet', places: 0, removed: true }] }
 */
export function castingLimits(before: Performance, after: Performance): CastingLimits {
  const slotsAfter = new Set(after.slots.map((s) => s.slotId));
  const charactersAfter = new Map(after.characters.map((c) => [c.characterId, c]));
  return {
    removedSlots: before.slots.filter((s) => !slotsAfter.has(s.slotId)).map(({ slotId }) => ({ slotId })),
    characters: before.characters.flatMap((c): CastingLimits['characters'] => {
      const kept = charactersAfter.get(c.characterId);
      if (!kept) return [{ characterId: c.characterId, name: c.name, places: 0, removed: true }];
      return kept.places < c.places
        ? [{ characterId: c.characterId, name: kept.name, places: kept.places, removed: false }]
        : [];
    }),
  };
}

/**
 * Whether an edit of `input` removes a slot or a character of `before`: only such an edit is decided on the
 * performance's sign-ups (`editPerformance`), so only such an edit needs them read.
 * @example removesSlotsOrCharacters(before, { ...input, slots: [] }) // true when `before` had slots
 */
export function removesSlotsOrCharacters(
  before: Performance,
  input: Pick<PerformanceInput, 'slots' | 'characters'>,
): boolean {
  const slotIds = new Set(input.slots.map((s) => s.slotId));
  const characterIds = new Set(input.characters.map((c) => c.characterId));
  return (
    before.slots.some((s) => !slotIds.has(s.slotId)) || before.characters.some((c) => !characterIds.has(c.characterId))
  );
}

/**
 * Refuses an edit that would break what sign-ups and castings rely on: a slot's capacity below its taken
 * places, a character's places below its cast, or removing a character someone is cast as or signed up for.
 */
export function assertEditKeepsCommitments(
  after: Performance,
  usage: {
    slotTaken: ReadonlyMap<string, number>;
    characterCast: ReadonlyMap<string, number>;
    charactersInUse: ReadonlySet<string>;
  },
): void {
  for (const slot of after.slots) {
    const taken = usage.slotTaken.get(slot.slotId) ?? 0;
    if (slot.capacity < taken) {
      throw new InUseError(`Slot ${slot.start} has ${taken} performers signed up; its capacity cannot go below that.`);
    }
  }
  const remaining = new Set(after.characters.map((c) => c.characterId));
  for (const characterId of usage.charactersInUse) {
    if (!remaining.has(characterId)) throw editRefusals.characterInUse();
  }
  for (const character of after.characters) {
    const cast = usage.characterCast.get(character.characterId) ?? 0;
    if (character.places < cast) throw editRefusals.characterOverCast(character.name, cast);
  }
}

/** What an edit must keep of a sign-up: the slot it holds and the characters it is for or cast as. */
export interface SignUpCommitment {
  readonly status: string;
  readonly slotId: string;
  readonly characterIds: readonly string[];
  readonly castAs?: string;
}

/**
 * The new version of a performance after its owner's edit of `input` (made from `input.version`), or an error:
 * a stale version, a slot someone was cast in removed, or a commitment broken (`assertEditKeepsCommitments`).
 * Sign-ups in removed slots are cancelled afterwards, so they do not hold their characters. `signUps` may be left
 * empty for an edit that removes no slot and no character (`removesSlotsOrCharacters`); castings are also judged
 * on the counts in `state`, and the store checks them again as it writes (`castingLimits`).
 *
 * @example editPerformance(state, { ...input, version: 3 }, signUps, { now, newId }) // the performance at version 4
 */
export function editPerformance(
  state: PerformanceState,
  input: PerformanceInput & { readonly version: number },
  signUps: readonly SignUpCommitment[],
  context: { now: Date; newId: () => string },
): Performance {
  const before = state.performance;
  if (before.version !== input.version) {
    throw new VersionConflictError(`You edited version ${input.version}; the performance is now at ${before.version}.`);
  }
  const after = buildPerformance(input, {
    ...context,
    performanceId: before.performanceId,
    ownerId: before.ownerId,
    previous: before,
  });
  const active = signUps.filter((s) => s.status === 'signed-up' || s.status === 'cast');
  const removedSlots = new Set(
    before.slots.map((s) => s.slotId).filter((id) => !after.slots.some((s) => s.slotId === id)),
  );
  const castIn = (slotId: string) =>
    (state.slotCast?.get(slotId) ?? 0) > 0 || active.some((s) => s.status === 'cast' && s.slotId === slotId);
  if ([...removedSlots].some(castIn)) throw editRefusals.slotWithCast();
  const charactersInUse = new Set([
    ...active
      .filter((s) => !removedSlots.has(s.slotId))
      .flatMap((s) => [...s.characterIds, ...(s.castAs ? [s.castAs] : [])]),
    ...before.characters.filter((c) => (state.characterCast.get(c.characterId) ?? 0) > 0).map((c) => c.characterId),
  ]);
  assertEditKeepsCommitments(after, {
    slotTaken: state.slotTaken,
    characterCast: state.characterCast,
    charactersInUse,
  });
  return after;
}
