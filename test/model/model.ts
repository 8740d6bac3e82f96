/**
 * The reference model: what the product must do, written from its rules (docs/design, issue 11), never by
 * calling the domain code it judges. Plain data and plain functions; luxon only converts wall clocks to instants.
 */
import { DateTime } from 'luxon';
import { isKnown } from './known-defects';

export interface ModelSlot {
  slotId: string;
  /** Local date-time at the venue, YYYY-MM-DDTHH:mm. */
  start: string;
  durationMinutes: number;
  capacity: number;
}

export interface ModelCharacter {
  characterId: string;
  name: string;
  places: number;
  attributes: { gender?: string; voiceType?: string; ageMin?: number; ageMax?: number };
}

export interface ModelVenue {
  name: string;
  address: string;
  city: string;
  country: string;
  timeZone: string;
}

export interface ModelPerformance {
  performanceId: string;
  owner: number;
  title: string;
  description: string;
  kind: 'live' | 'filmed';
  venue: ModelVenue;
  dates: string[];
  characters: ModelCharacter[];
  slots: ModelSlot[];
  version: number;
  castingClosed: boolean;
  deleted: boolean;
}

export type SignUpStatus = 'signed-up' | 'withdrawn' | 'cast' | 'not-cast' | 'cancelled';

export interface ModelSignUp {
  performanceId: string;
  performer: number;
  slotId: string;
  characterIds: string[];
  status: SignUpStatus;
  castAs?: string;
  /** The planned reminder instant (ms), while one is planned. */
  reminderAt?: number;
  /** The reminder at `reminderAt` went out (or was dropped because the audition had begun). */
  reminderDone: boolean;
}

export type EmailKind =
  | 'signup-received'
  | 'confirmation'
  | 'withdrawal'
  | 'withdrawal-received'
  | 'cast'
  | 'uncast'
  | 'not-cast'
  | 'closing-cancellation'
  | 'cancellation'
  | 'slot-moved'
  | 'reminder'
  | 'invitation';

export interface ExpectedEmail {
  kind: EmailKind;
  to: string;
  title: string;
}

export interface Person {
  email: string;
  timeZone: string;
}

export interface Model {
  /** The virtual clock the schedule functions are fired at; never behind the real clock. */
  clock: number;
  performers: Person[];
  directors: Person[];
  /** The director and casting director contact addresses of this run's performances. */
  contacts: { director: string; castingDirector: string };
  performances: ModelPerformance[];
  /** Every sign-up ever made, latest last; at most one per performer and performance is active. */
  signUps: ModelSignUp[];
  emails: ExpectedEmail[];
  /** Each pool performer's directory entry as this run set it (see test/model/directory.ts). */
  listings: ModelListing[];
  /** This run's invitations, one per performance and performer. */
  invitations: ModelInvitation[];
}

export interface ModelListing {
  listed: boolean;
  invitations: boolean;
  /** Whether this run wrote the bio with its tag (what the directory searches of this run filter on). */
  tagged: boolean;
  voiceType?: string;
  skills: string[];
}

export interface ModelInvitation {
  performanceId: string;
  performer: number;
  status: 'sent' | 'opened' | 'declined';
}

export const activeStatuses: readonly SignUpStatus[] = ['signed-up', 'cast'];

/** The instant of a local wall-clock time at a zone (ms). */
export function instantOf(local: string, zone: string): number {
  return DateTime.fromISO(local, { zone }).toMillis();
}

export const slotStart = (p: ModelPerformance, slot: ModelSlot) => instantOf(slot.start, p.venue.timeZone);

/**
 * 19:00 on the evening before the audition's calendar date in the performer's zone; none when that moment has
 * passed at `now` or is not before the audition.
 */
export function plannedReminder(startMs: number, performerZone: string, now: number): number | undefined {
  const there = DateTime.fromMillis(startMs, { zone: performerZone });
  const reminder = there.startOf('day').minus({ days: 1 }).set({ hour: 19, minute: 0 }).toMillis();
  if (now >= reminder || reminder >= startMs) return undefined;
  return reminder;
}

export const latestSignUp = (m: Model, performanceId: string, performer: number) =>
  m.signUps.filter((s) => s.performanceId === performanceId && s.performer === performer).at(-1);

export const activeSignUp = (m: Model, performanceId: string, performer: number) => {
  const s = latestSignUp(m, performanceId, performer);
  return s && activeStatuses.includes(s.status) ? s : undefined;
};

export const slotTaken = (m: Model, performanceId: string, slotId: string) =>
  m.signUps.filter((s) => s.performanceId === performanceId && s.slotId === slotId && activeStatuses.includes(s.status))
    .length;

export const characterCast = (m: Model, performanceId: string, characterId: string) =>
  m.signUps.filter((s) => s.performanceId === performanceId && s.status === 'cast' && s.castAs === characterId).length;

const liveSignUps = (m: Model, performanceId: string) =>
  m.signUps.filter((s) => s.performanceId === performanceId && s === latestSignUp(m, performanceId, s.performer));

/** A failed call: the status and the problem code; several codes when the rules allow either. */
export interface Refusal {
  status: number;
  codes: string[];
}

const refuse = (status: number, ...codes: string[]): Refusal => ({ status, codes });

// ---------------------------------------------------------------------------------------------------- sign-up

export function signUpRefusal(
  m: Model,
  p: ModelPerformance,
  performer: number,
  slotId: string,
  characterIds: string[],
  now: number,
): Refusal | undefined {
  if (p.deleted) return refuse(404, 'not-found');
  if (p.castingClosed) return refuse(409, 'casting-closed');
  const slot = p.slots.find((s) => s.slotId === slotId);
  if (!slot) return refuse(400, 'invalid-reference');
  if (characterIds.some((id) => !p.characters.some((c) => c.characterId === id)))
    return refuse(400, 'invalid-reference');
  if (slotStart(p, slot) <= now) return refuse(409, 'audition-started');
  const full = slotTaken(m, p.performanceId, slotId) >= slot.capacity;
  const already = activeSignUp(m, p.performanceId, performer) !== undefined;
  // Both rules hold at once: either answer is right.
  if (full && already) return refuse(409, 'slot-full', 'already-signed-up');
  if (full) return refuse(409, 'slot-full');
  if (already) return refuse(409, 'already-signed-up');
  return undefined;
}

export function applySignUp(
  m: Model,
  p: ModelPerformance,
  performer: number,
  slotId: string,
  characterIds: string[],
  now: number,
): void {
  const slot = p.slots.find((s) => s.slotId === slotId) as ModelSlot;
  const reminderAt = plannedReminder(slotStart(p, slot), m.performers[performer]!.timeZone, now);
  m.signUps.push({
    performanceId: p.performanceId,
    performer,
    slotId,
    characterIds: [...new Set(characterIds)],
    status: 'signed-up',
    reminderAt,
    reminderDone: false,
  });
  m.emails.push(
    { kind: 'signup-received', to: m.contacts.director, title: p.title },
    { kind: 'signup-received', to: m.contacts.castingDirector, title: p.title },
    { kind: 'confirmation', to: m.performers[performer]!.email, title: p.title },
  );
}

// --------------------------------------------------------------------------------------------------- withdraw

export function withdrawRefusal(m: Model, p: ModelPerformance, performer: number): Refusal | undefined {
  const s = latestSignUp(m, p.performanceId, performer);
  if (!s || s.status !== 'signed-up') return refuse(409, 'not-signed-up');
  return undefined;
}

export function applyWithdraw(m: Model, p: ModelPerformance, performer: number): void {
  const s = latestSignUp(m, p.performanceId, performer) as ModelSignUp;
  end(s, 'withdrawn');
  m.emails.push({ kind: 'withdrawal', to: m.performers[performer]!.email, title: p.title });
  if (!isKnown('withdrawal-tells-directors')) {
    m.emails.push(
      { kind: 'withdrawal-received', to: m.contacts.director, title: p.title },
      { kind: 'withdrawal-received', to: m.contacts.castingDirector, title: p.title },
    );
  }
}

function end(s: ModelSignUp, status: SignUpStatus) {
  s.status = status;
  s.reminderAt = undefined;
}

// ---------------------------------------------------------------------------------------------------- casting

export function castRefusal(
  m: Model,
  p: ModelPerformance,
  performer: number,
  characterId: string,
  now: number,
): Refusal | undefined {
  if (p.deleted) return refuse(404, 'not-found');
  if (p.castingClosed) return refuse(409, 'casting-closed');
  const character = p.characters.find((c) => c.characterId === characterId);
  if (!character) return refuse(400, 'invalid-reference');
  const s = latestSignUp(m, p.performanceId, performer);
  if (!s) return refuse(400, 'invalid-reference');
  if (s.status !== 'signed-up') return refuse(409, 'not-signed-up');
  const slot = p.slots.find((x) => x.slotId === s.slotId);
  if (!slot || slotStart(p, slot) > now) return refuse(409, 'audition-not-started');
  if (characterCast(m, p.performanceId, characterId) >= character.places) return refuse(409, 'character-full');
  return undefined;
}

export function applyCast(m: Model, p: ModelPerformance, performer: number, characterId: string): void {
  const s = latestSignUp(m, p.performanceId, performer) as ModelSignUp;
  end(s, 'cast');
  s.castAs = characterId;
  m.emails.push({ kind: 'cast', to: m.performers[performer]!.email, title: p.title });
}

export function undoCastRefusal(m: Model, p: ModelPerformance, performer: number): Refusal | undefined {
  if (p.deleted) return refuse(404, 'not-found');
  if (p.castingClosed) return refuse(409, 'casting-closed');
  const s = latestSignUp(m, p.performanceId, performer);
  if (!s) return refuse(400, 'invalid-reference');
  if (s.status !== 'cast') return refuse(409, 'not-cast');
  return undefined;
}

/**
 * Signed up again: reminded like a performer signing up now (casting left no reminder), so only when the slot has
 * since moved ahead and 19:00 the evening before has not passed.
 */
export function applyUndoCast(m: Model, p: ModelPerformance, performer: number, now: number): void {
  const s = latestSignUp(m, p.performanceId, performer) as ModelSignUp;
  s.status = 'signed-up';
  s.castAs = undefined;
  s.reminderAt = reminderAfterUndo(m, p, s, now);
  s.reminderDone = false;
  m.emails.push({ kind: 'uncast', to: m.performers[performer]!.email, title: p.title });
}

/** The reminder undoing the casting of `s` at `now` plans. */
export function reminderAfterUndo(m: Model, p: ModelPerformance, s: ModelSignUp, now: number): number | undefined {
  const slot = p.slots.find((x) => x.slotId === s.slotId);
  return slot && plannedReminder(slotStart(p, slot), m.performers[s.performer]!.timeZone, now);
}

export function closeCastingRefusal(p: ModelPerformance): Refusal | undefined {
  if (p.deleted) return refuse(404, 'not-found');
  return undefined;
}

/** Whoever auditioned and was not cast gets "not cast"; whoever's audition is ahead has it cancelled. */
export function applyCloseCasting(m: Model, p: ModelPerformance, now: number): void {
  // Closing again answers the same and writes the performance again (a new version), with nothing to follow up.
  p.version += 1;
  if (p.castingClosed) return;
  p.castingClosed = true;
  for (const s of liveSignUps(m, p.performanceId).filter((x) => x.status === 'signed-up')) {
    const slot = p.slots.find((x) => x.slotId === s.slotId) as ModelSlot;
    const to = m.performers[s.performer]!.email;
    if (slotStart(p, slot) <= now) {
      end(s, 'not-cast');
      m.emails.push({ kind: 'not-cast', to, title: p.title });
    } else {
      end(s, 'cancelled');
      m.emails.push({ kind: 'closing-cancellation', to, title: p.title });
    }
  }
}

/** Open sign-ups of a performance whose audition is still ahead (closing casting would cancel them). */
export const openSignUpsAhead = (m: Model, p: ModelPerformance, now: number) =>
  liveSignUps(m, p.performanceId).filter((s) => {
    const slot = p.slots.find((x) => x.slotId === s.slotId) as ModelSlot;
    return s.status === 'signed-up' && slotStart(p, slot) > now;
  });

// -------------------------------------------------------------------------------------------- edit and delete

export interface EditPlan {
  /** The slots after the edit; a slot without an id is new. */
  slots: (Omit<ModelSlot, 'slotId'> & { slotId?: string })[];
  characters: (Omit<ModelCharacter, 'characterId'> & { characterId?: string })[];
  version: number;
}

export function editRefusal(m: Model, p: ModelPerformance, edit: EditPlan): Refusal | undefined {
  if (p.deleted) return refuse(404, 'not-found');
  if (edit.version !== p.version) return refuse(409, 'version-conflict');
  const kept = new Set(edit.slots.flatMap((s) => (s.slotId ? [s.slotId] : [])));
  const live = liveSignUps(m, p.performanceId);
  if (live.some((s) => s.status === 'cast' && !kept.has(s.slotId))) return refuse(409, 'in-use');
  for (const slot of edit.slots) {
    if (slot.slotId && slot.capacity < slotTaken(m, p.performanceId, slot.slotId)) return refuse(409, 'in-use');
  }
  const keptCharacters = new Set(edit.characters.flatMap((c) => (c.characterId ? [c.characterId] : [])));
  const inUse = live
    .filter((s) => activeStatuses.includes(s.status) && kept.has(s.slotId))
    .flatMap((s) => [...s.characterIds, ...(s.castAs ? [s.castAs] : [])]);
  if (inUse.some((id) => !keptCharacters.has(id))) return refuse(409, 'in-use');
  return undefined;
}

/** Applies an accepted edit, given the ids the server gave the new slots and characters (in order). */
export function applyEdit(
  m: Model,
  p: ModelPerformance,
  edit: EditPlan,
  ids: { slots: string[]; characters: string[] },
  now: number,
): void {
  const before = p.slots;
  p.slots = edit.slots.map((s, i) => ({ ...s, slotId: ids.slots[i] as string }));
  p.characters = edit.characters.map((c, i) => ({ ...c, characterId: ids.characters[i] as string }));
  p.version += 1;
  for (const s of liveSignUps(m, p.performanceId).filter((x) => x.status === 'signed-up')) {
    const to = m.performers[s.performer]!.email;
    const after = p.slots.find((x) => x.slotId === s.slotId);
    const old = before.find((x) => x.slotId === s.slotId) as ModelSlot;
    if (!after) {
      end(s, 'cancelled');
      m.emails.push({ kind: 'cancellation', to, title: p.title });
    } else if (after.start !== old.start) {
      s.reminderAt = plannedReminder(slotStart(p, after), m.performers[s.performer]!.timeZone, now);
      s.reminderDone = false;
      m.emails.push({ kind: 'slot-moved', to, title: p.title });
    }
  }
}

export function applyDelete(m: Model, p: ModelPerformance): void {
  p.deleted = true;
  for (const s of liveSignUps(m, p.performanceId).filter((x) => activeStatuses.includes(x.status))) {
    end(s, 'cancelled');
    m.emails.push({ kind: 'cancellation', to: m.performers[s.performer]!.email, title: p.title });
  }
}

// --------------------------------------------------------------------------------------------- time and zones

export function applyZoneChange(m: Model, performer: number, timeZone: string, now: number): void {
  m.performers[performer]!.timeZone = timeZone;
  for (const s of m.signUps.filter((x) => x.performer === performer && x.status === 'signed-up')) {
    const p = m.performances.find((x) => x.performanceId === s.performanceId) as ModelPerformance;
    const slot = p.slots.find((x) => x.slotId === s.slotId) as ModelSlot;
    const next = plannedReminder(slotStart(p, slot), timeZone, now);
    if (next !== s.reminderAt) s.reminderDone = false;
    s.reminderAt = next;
  }
}

/** The dispatcher fired at `clock`: each due reminder goes once, unless its audition has begun. */
export function applyDispatch(m: Model, clock: number): void {
  m.clock = clock;
  for (const s of m.signUps) {
    if (s.status !== 'signed-up' || s.reminderAt === undefined || s.reminderDone || s.reminderAt > clock) continue;
    const p = m.performances.find((x) => x.performanceId === s.performanceId) as ModelPerformance;
    if (p.deleted) continue;
    const slot = p.slots.find((x) => x.slotId === s.slotId) as ModelSlot;
    s.reminderDone = true;
    if (slotStart(p, slot) > clock)
      m.emails.push({ kind: 'reminder', to: m.performers[s.performer]!.email, title: p.title });
  }
}

/**
 * Whether a sign-up whose reminder would be planned at `reminderAt` fits the harness's two clocks: the handlers
 * plan by the real clock, the dispatcher runs on the virtual one, so a reminder planned between the two would
 * join a reminder group that the virtual clock has already dispatched, which cannot happen in real time.
 */
export const fitsClocks = (m: Model, reminderAt: number | undefined) =>
  reminderAt === undefined || reminderAt > m.clock;

// ---------------------------------------------------------------------------------------------------- search

export interface SearchQuery {
  q: string;
  city?: string;
  country?: string;
  kind?: 'live' | 'filmed';
  gender?: string;
  voiceType?: string;
  age?: number;
  from?: string;
  to?: string;
  includeClosed?: boolean;
  limit: number;
}

const stopWords = new Set('a an and are as at be by for from in into is it its of on or the this to with'.split(' '));
export const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !stopWords.has(w));

/** The next audition (ms) after `now`, or undefined when none is open. */
export function nextAudition(p: ModelPerformance, now: number): number | undefined {
  if (p.castingClosed) return undefined;
  const ahead = p.slots.map((s) => slotStart(p, s)).filter((t) => t > now);
  return ahead.length ? Math.min(...ahead) : undefined;
}

function matches(p: ModelPerformance, q: SearchQuery, now: number): boolean {
  const indexed = new Set(
    words([p.title, p.description, p.venue.name, p.venue.city, ...p.characters.map((c) => c.name)].join(' ')),
  );
  if (!words(q.q).every((w) => indexed.has(w))) return false;
  if (q.country && p.venue.country !== q.country) return false;
  if (q.city && words(q.city).join('-') !== words(p.venue.city).join('-')) return false;
  if (q.kind && p.kind !== q.kind) return false;
  if (q.gender || q.voiceType || q.age !== undefined) {
    const fits = p.characters.some(
      ({ attributes: a }) =>
        (!q.gender || a.gender === q.gender || a.gender === 'any') &&
        (!q.voiceType || a.voiceType === q.voiceType) &&
        (q.age === undefined ||
          ((a.ageMin !== undefined || a.ageMax !== undefined) &&
            (a.ageMin ?? 0) <= q.age &&
            q.age <= (a.ageMax ?? 120))),
    );
    if (!fits) return false;
  }
  if (q.from || q.to) {
    // A performance runs on a day when one of its dates falls on it in the venue's calendar.
    const days = p.dates.map((d) => d.slice(0, 10));
    if (!days.some((d) => (!q.from || d >= q.from) && (!q.to || d <= q.to))) return false;
  }
  return q.includeClosed === true || nextAudition(p, now) !== undefined;
}

/**
 * The expected results in order, as groups of performances with the same next audition (their order within a
 * group is not defined): soonest first, performances with none open last.
 */
export function expectedSearch(
  m: Model,
  q: SearchQuery,
  now: number,
): { performanceId: string; next: string | null }[][] {
  const found = m.performances
    .filter((p) => !p.deleted && matches(p, q, now))
    .map((p) => {
      const next = nextAudition(p, now);
      return { performanceId: p.performanceId, next: next === undefined ? null : new Date(next).toISOString() };
    })
    // Plain code-unit order, as the index sorts (localeCompare would put '~' before digits).
    .sort((a, b) => ((a.next ?? '~') < (b.next ?? '~') ? -1 : (a.next ?? '~') > (b.next ?? '~') ? 1 : 0));
  const groups: { performanceId: string; next: string | null }[][] = [];
  for (const r of found) {
    const last = groups.at(-1);
    if (last && last[0]?.next === r.next) last.push(r);
    else groups.push([r]);
  }
  return groups;
}

// ------------------------------------------------------------------------------------------------- careers

/** A performer's cast performances: current until the last date has passed (work without dates stays current). */
export function career(m: Model, performer: number, now: number) {
  const current: string[] = [];
  const past: string[] = [];
  for (const s of m.signUps.filter((x) => x.performer === performer && x.status === 'cast')) {
    const p = m.performances.find((x) => x.performanceId === s.performanceId) as ModelPerformance;
    const name = p.characters.find((c) => c.characterId === s.castAs)?.name ?? '?';
    const last = p.dates.length ? Math.max(...p.dates.map((d) => instantOf(d, p.venue.timeZone))) : undefined;
    (last !== undefined && last < now ? past : current).push(`${p.performanceId}:${name}`);
  }
  return { current: current.sort(), past: past.sort() };
}
