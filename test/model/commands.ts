/**
 * The commands of the model test: each has its precondition (`check`), its real call and its comparison with
 * the model's prediction. Arbitraries pick indices; a command resolves them against the model when it runs, so a
 * shrunk sequence stays meaningful.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import type { Real } from './harness';
import { api } from '../support/api';
import { call, checkAll, expectOutcome, otherZones } from './harness';
import { isKnown } from './known-defects';
import type { EditPlan, Model, ModelCharacter, ModelPerformance, SearchQuery } from './model';
import * as model from './model';

type Cmd = fc.AsyncCommand<Model, Real>;

const venues = [
  { name: 'Globe Hall', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: 'Europe/London' },
  { name: 'Harbour Stage', address: '2 Macquarie St', city: 'Sydney', country: 'AU', timeZone: 'Australia/Sydney' },
  { name: 'Prithvi Studio', address: 'Juhu Church Rd', city: 'Mumbai', country: 'IN', timeZone: 'Asia/Kolkata' },
  { name: 'Mesa Lab', address: '1400 Curtis St', city: 'Denver', country: 'US', timeZone: 'America/Denver' },
  { name: 'Lyric Barn', address: '5 Broad St', city: 'New York', country: 'US', timeZone: 'America/New_York' },
];
const titleWords = ['Tempest', 'Lear', 'Carmen', 'Tosca', 'Godot', 'Medea', 'Orpheus', 'Pippin'];
const characterPool: Omit<ModelCharacter, 'characterId'>[] = [
  { name: 'Viola', places: 1, attributes: { gender: 'female', voiceType: 'soprano', ageMin: 18, ageMax: 30 } },
  { name: 'Malvolio', places: 2, attributes: { gender: 'male', ageMin: 40, ageMax: 65 } },
  { name: 'Feste', places: 1, attributes: { gender: 'any', voiceType: 'baritone' } },
  { name: 'Chorus', places: 3, attributes: {} },
  { name: 'Puck', places: 1, attributes: { gender: 'non-binary', ageMin: 12, ageMax: 25 } },
];

/** A slot time relative to the real now, in the venue's zone; negative days give an audition that has begun. */
interface SlotTime {
  days: number;
  hour: number;
  minute: number;
}
const slotTimeArb: fc.Arbitrary<SlotTime> = fc.record({
  days: fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 12 }) },
    { weight: 1, arbitrary: fc.integer({ min: -2, max: -1 }) },
  ),
  hour: fc.integer({ min: 7, max: 21 }),
  minute: fc.integer({ min: 0, max: 59 }),
});
const localAt = (t: SlotTime, zone: string) =>
  DateTime.now()
    .setZone(zone)
    .plus({ days: t.days })
    .set({ hour: t.hour, minute: t.minute })
    .toFormat("yyyy-MM-dd'T'HH:mm");

const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
const performanceAt = (m: Model, i: number) => pick(m.performances, i);

/** Mostly a performer who signed up for the performance (the k-th of them), so the step has something to act on. */
function performerFor(m: Model, p: ModelPerformance, k: number): number {
  const signedUp = [...new Set(m.signUps.filter((s) => s.performanceId === p.performanceId).map((s) => s.performer))];
  return k % 4 === 3 || signedUp.length === 0 ? k % m.performers.length : pick(signedUp, k);
}

/** The performances for which `wanted` holds, or all of them when none does; the i-th of those. */
function performanceWhere(m: Model, i: number, wanted: (p: ModelPerformance) => boolean): ModelPerformance {
  const some = m.performances.filter(wanted);
  return some.length ? pick(some, i) : performanceAt(m, i);
}

/** The open sign-ups (latest of their performer) of a performance whose audition has begun, or is still ahead. */
function openSignUps(m: Model, p: ModelPerformance, begun: boolean, now: number) {
  return m.signUps.filter((s) => {
    if (s.performanceId !== p.performanceId || s.status !== 'signed-up') return false;
    if (s !== model.latestSignUp(m, p.performanceId, s.performer)) return false;
    const slot = p.slots.find((x) => x.slotId === s.slotId);
    return slot !== undefined && model.slotStart(p, slot) <= now === begun;
  });
}

const castable = (m: Model, now: number) => (p: ModelPerformance) =>
  !p.deleted && !p.castingClosed && openSignUps(m, p, true, now).length > 0;

function contact(role: string, email: string) {
  return { name: `${role} Person`, email, phone: '+442071838750' };
}

/** The body the API takes for a performance (POST, or PUT with a version). */
function performanceBody(
  m: Model,
  p: Omit<ModelPerformance, 'performanceId' | 'version' | 'castingClosed' | 'deleted' | 'owner'>,
  slots: EditPlan['slots'],
  characters: EditPlan['characters'],
) {
  return {
    title: p.title,
    description: p.description,
    kind: p.kind,
    director: contact('Director', m.contacts.director),
    castingDirector: contact('Casting', m.contacts.castingDirector),
    venue: p.venue,
    dates: p.dates,
    characters: characters.map((c) => ({
      ...(c.characterId ? { characterId: c.characterId } : {}),
      name: c.name,
      places: c.places,
      attributes: c.attributes,
    })),
    slots: slots.map((s) => ({
      ...(s.slotId ? { slotId: s.slotId } : {}),
      start: s.start,
      durationMinutes: s.durationMinutes,
      capacity: s.capacity,
    })),
  };
}

interface Created {
  performanceId: string;
  slots: { slotId: string; start: string; capacity: number }[];
  characters: { characterId: string; name: string }[];
}

/** The ids the server gave the slots and characters sent, matched by what was sent (the server sorts slots). */
function idsOf(sent: { slots: EditPlan['slots']; characters: EditPlan['characters'] }, created: Created) {
  const free = [...created.slots];
  const slots = sent.slots.map((s) => {
    const k = free.findIndex((r) =>
      s.slotId ? r.slotId === s.slotId : r.start === s.start && r.capacity === s.capacity,
    );
    expect(k, `slot ${s.start} in the response`).toBeGreaterThanOrEqual(0);
    return free.splice(k, 1)[0]!.slotId;
  });
  const characters = sent.characters.map((c) => {
    const found = created.characters.find((r) => r.name === c.name);
    expect(found, `character ${c.name} in the response`).toBeDefined();
    return found!.characterId;
  });
  return { slots, characters };
}

// --------------------------------------------------------------------------------------------------- create

interface CreateSpec {
  owner: number;
  kind: 'live' | 'filmed';
  venue: number;
  title: number;
  characters: number[];
  slots: (SlotTime & { capacity: number })[];
  dates: number[];
}

class CreatePerformance implements Cmd {
  constructor(readonly spec: CreateSpec) {}
  check = (m: Model) => m.performances.length < 6;
  async run(m: Model, real: Real) {
    const s = this.spec;
    const venue = pick(venues, s.venue);
    const title = `${pick(titleWords, s.title)} ${real.runTag} no${m.performances.length}`;
    const characters = [...new Set(s.characters)].map((i) => ({ ...pick(characterPool, i) }));
    const slots = s.slots.map((t) => ({
      start: localAt(t, venue.timeZone),
      durationMinutes: 30,
      capacity: t.capacity,
    }));
    const dates = (s.kind === 'live' && s.dates.length === 0 ? [30] : s.dates).map((d) =>
      localAt({ days: d, hour: 19, minute: 30 }, venue.timeZone),
    );
    const draft = {
      title,
      description: 'A staging in the round.',
      kind: s.kind,
      venue,
      dates,
      characters: [],
      slots: [],
    };
    const body = performanceBody(m, draft, slots, characters);
    const director = real.pool.directors[s.owner % real.pool.directors.length]!;
    const response = await call<Created>(real, 'POST', '/performances', { token: director.token, body });
    expectOutcome(response, undefined, 201, 'create');
    const ids = idsOf({ slots, characters }, response.body);
    m.performances.push({
      ...draft,
      performanceId: response.body.performanceId,
      owner: s.owner % real.pool.directors.length,
      characters: characters.map((c, i) => ({ ...c, characterId: ids.characters[i]! })),
      slots: slots.map((x, i) => ({ ...x, slotId: ids.slots[i]! })),
      version: 1,
      castingClosed: false,
      deleted: false,
    });
    await checkAll(m, real);
  }
  toString = () => `create(${JSON.stringify(this.spec)})`;
}

// ----------------------------------------------------------------------------------------------------- edit

interface EditSpec {
  performance: number;
  move?: { slot: number; to: SlotTime };
  add?: SlotTime & { capacity: number };
  remove?: number;
  shrink?: { slot: number; capacity: number };
  addCharacter?: number;
  removeCharacter?: number;
  stale: boolean;
}

function editPlan(m: Model, p: ModelPerformance, e: EditSpec): EditPlan {
  let slots: EditPlan['slots'] = p.slots.map((s) => ({ ...s }));
  let characters: EditPlan['characters'] = p.characters.map((c) => ({ ...c, attributes: { ...c.attributes } }));
  if (e.move && slots.length) {
    // Mostly the slot with the most sign-ups: moving it (into the past, too) is what lets casting happen.
    const taken = (x: EditPlan['slots'][number]) => (x.slotId ? model.slotTaken(m, p.performanceId, x.slotId) : 0);
    const slot = pick(
      [...slots].sort((a, b) => taken(b) - taken(a)),
      e.move.slot % 3,
    );
    slot.start = localAt(e.move.to, p.venue.timeZone);
  }
  if (e.shrink && slots.length) pick(slots, e.shrink.slot).capacity = e.shrink.capacity;
  if (e.remove !== undefined && slots.length) slots = slots.filter((_, i) => i !== e.remove! % slots.length);
  if (e.add) slots.push({ start: localAt(e.add, p.venue.timeZone), durationMinutes: 30, capacity: e.add.capacity });
  if (e.removeCharacter !== undefined && characters.length > 1) {
    characters = characters.filter((_, i) => i !== e.removeCharacter! % characters.length);
  }
  if (e.addCharacter !== undefined) {
    const extra = pick(characterPool, e.addCharacter);
    if (!characters.some((c) => c.name === extra.name)) characters.push({ ...extra });
  }
  // A stale version: the one before, or (at version 1) one that was never read.
  return { slots, characters, version: e.stale ? (p.version > 1 ? p.version - 1 : p.version + 1) : p.version };
}

/** The new reminders an accepted edit would plan, for the clock precondition. */
function movedReminders(m: Model, p: ModelPerformance, plan: EditPlan, now: number) {
  return m.signUps
    .filter((s) => s.performanceId === p.performanceId && s.status === 'signed-up')
    .flatMap((s) => {
      const after = plan.slots.find((x) => x.slotId === s.slotId);
      const before = p.slots.find((x) => x.slotId === s.slotId);
      if (!after || after.start === before?.start) return [];
      return [
        model.plannedReminder(model.instantOf(after.start, p.venue.timeZone), m.performers[s.performer]!.timeZone, now),
      ];
    });
}

class EditPerformance implements Cmd {
  constructor(readonly spec: EditSpec) {}
  check = (m: Model) => {
    if (!m.performances.length) return false;
    const p = performanceAt(m, this.spec.performance);
    return movedReminders(m, p, editPlan(m, p, this.spec), Date.now()).every((r) => model.fitsClocks(m, r));
  };
  async run(m: Model, real: Real) {
    const p = performanceAt(m, this.spec.performance);
    const plan = editPlan(m, p, this.spec);
    const refusal = model.editRefusal(m, p, plan);
    const body = { ...performanceBody(m, p, plan.slots, plan.characters), version: plan.version };
    const response = await call<Created>(real, 'PUT', `/performances/${p.performanceId}`, {
      token: real.pool.directors[p.owner]!.token,
      body,
    });
    expectOutcome(response, refusal, 200, `edit ${p.title}`);
    if (!refusal) {
      // Kept slots keep their ids.
      model.applyEdit(m, p, plan, idsOf(plan, response.body), Date.now());
    }
    await checkAll(m, real);
  }
  toString = () => `edit(${JSON.stringify(this.spec)})`;
}

/**
 * Moves a slot that has open sign-ups into the recent past (`minutesAgo` before the real now), as a director may
 * when an audition was held earlier than planned: it is what lets casting, undoing it and "not cast" happen.
 */
class MoveSlotIntoPast implements Cmd {
  constructor(
    readonly performance: number,
    readonly slot: number,
    readonly minutesAgo: number,
  ) {}
  private plan(m: Model, now: number) {
    const p = performanceWhere(m, this.performance, (x) => !x.deleted && openSignUps(m, x, false, now).length > 0);
    const ahead = [...new Set(openSignUps(m, p, false, now).map((s) => s.slotId))];
    const slots: EditPlan['slots'] = p.slots.map((s) => ({ ...s }));
    const target = ahead.length
      ? slots.find((s) => s.slotId === pick(ahead, this.slot))
      : slots.length
        ? pick(slots, this.slot)
        : undefined;
    if (target) {
      target.start = DateTime.fromMillis(now - this.minutesAgo * 60_000, { zone: p.venue.timeZone }).toFormat(
        "yyyy-MM-dd'T'HH:mm",
      );
    }
    const characters = p.characters.map((c) => ({ ...c, attributes: { ...c.attributes } }));
    return { p, plan: { slots, characters, version: p.version } };
  }
  check = (m: Model) => {
    if (!m.performances.length) return false;
    const now = Date.now();
    const { p, plan } = this.plan(m, now);
    return movedReminders(m, p, plan, now).every((r) => model.fitsClocks(m, r));
  };
  async run(m: Model, real: Real) {
    const { p, plan } = this.plan(m, Date.now());
    const refusal = model.editRefusal(m, p, plan);
    const body = { ...performanceBody(m, p, plan.slots, plan.characters), version: plan.version };
    const response = await call<Created>(real, 'PUT', `/performances/${p.performanceId}`, {
      token: real.pool.directors[p.owner]!.token,
      body,
    });
    expectOutcome(response, refusal, 200, `moving a slot of ${p.title} into the past`);
    if (!refusal) model.applyEdit(m, p, plan, idsOf(plan, response.body), Date.now());
    await checkAll(m, real);
  }
  toString = () => `moveSlotIntoPast(${this.performance}, ${this.slot}, ${this.minutesAgo} min ago)`;
}

class DeletePerformance implements Cmd {
  constructor(readonly performance: number) {}
  check = (m: Model) => m.performances.length > 0;
  async run(m: Model, real: Real) {
    const p = performanceAt(m, this.performance);
    const response = await call(real, 'DELETE', `/performances/${p.performanceId}`, {
      token: real.pool.directors[p.owner]!.token,
    });
    expectOutcome(response, p.deleted ? { status: 404, codes: ['not-found'] } : undefined, 204, `delete ${p.title}`);
    if (!p.deleted) model.applyDelete(m, p);
    await checkAll(m, real);
  }
  toString = () => `delete(${this.performance})`;
}

// -------------------------------------------------------------------------------------------------- sign-up

interface SignUpSpec {
  performance: number;
  performer: number;
  slot: number;
  characters: number[];
  /** A second performer signing up for the same slot at the same moment. */
  rival?: number;
}

class SignUp implements Cmd {
  constructor(readonly spec: SignUpSpec) {}
  private target(m: Model) {
    const p = performanceAt(m, this.spec.performance);
    const slot = p.slots.length ? pick(p.slots, this.spec.slot) : undefined;
    const characterIds = [...new Set(this.spec.characters.map((i) => pick(p.characters, i).characterId))];
    const performers = [this.spec.performer % m.performers.length];
    if (this.spec.rival !== undefined && this.spec.rival % m.performers.length !== performers[0]) {
      performers.push(this.spec.rival % m.performers.length);
    }
    return { p, slotId: slot?.slotId ?? 'no-such-slot', characterIds, performers };
  }
  check = (m: Model) => {
    if (!m.performances.length) return false;
    const { p, slotId, performers } = this.target(m);
    const slot = p.slots.find((s) => s.slotId === slotId);
    if (!slot) return true;
    const start = model.slotStart(p, slot);
    return performers.every((i) =>
      model.fitsClocks(m, model.plannedReminder(start, m.performers[i]!.timeZone, Date.now())),
    );
  };
  async run(m: Model, real: Real) {
    const { p, slotId, characterIds, performers } = this.target(m);
    const now = Date.now();
    const refusals = performers.map((i) => model.signUpRefusal(m, p, i, slotId, characterIds, now));
    const responses = await Promise.all(
      performers.map((i) =>
        call(real, 'POST', `/performances/${p.performanceId}/signup`, {
          token: real.pool.performers[i]!.token,
          body: { slotId, characterIds },
        }),
      ),
    );
    const slot = p.slots.find((s) => s.slotId === slotId);
    const free = slot ? slot.capacity - model.slotTaken(m, p.performanceId, slotId) : 0;
    const accepted = performers.filter((_, k) => !refusals[k]);
    if (accepted.length === 2 && free < 2) {
      // Two at once for the last place: exactly one gets it, the other is told the slot is full.
      const winners = performers.filter((_, k) => responses[k]!.status === 201);
      expect(winners, 'one of two concurrent sign-ups for the last place').toHaveLength(1);
      const loser = responses.find((r) => r.status !== 201)!;
      expect({ status: loser.status, code: (loser.body as { code?: string }).code }).toEqual({
        status: 409,
        code: 'slot-full',
      });
      model.applySignUp(m, p, winners[0]!, slotId, characterIds, now);
    } else {
      performers.forEach((i, k) => {
        // When the rival takes the last place first, both rules hold for an already signed-up performer.
        const refusal = refusals[k];
        const rivalTookLast = accepted.length === 1 && accepted[0] !== i && free === 1;
        if (refusal && rivalTookLast && refusal.codes.includes('already-signed-up')) refusal.codes.push('slot-full');
        expectOutcome(responses[k]!, refusal, 201, `sign-up of performer ${i} for ${p.title}`);
        if (!refusals[k]) model.applySignUp(m, p, i, slotId, characterIds, now);
      });
    }
    await checkAll(m, real);
  }
  toString = () => `signUp(${JSON.stringify(this.spec)})`;
}

class Withdraw implements Cmd {
  constructor(
    readonly performance: number,
    readonly performer: number,
  ) {}
  check = (m: Model) => m.performances.length > 0;
  async run(m: Model, real: Real) {
    const p = performanceAt(m, this.performance);
    const i = performerFor(m, p, this.performer);
    const refusal = model.withdrawRefusal(m, p, i);
    const response = await call(real, 'DELETE', `/performances/${p.performanceId}/signup`, {
      token: real.pool.performers[i]!.token,
    });
    expectOutcome(response, refusal, 200, `withdrawal of performer ${i} from ${p.title}`);
    if (!refusal) model.applyWithdraw(m, p, i);
    await checkAll(m, real);
  }
  toString = () => `withdraw(${this.performance}, ${this.performer})`;
}

// -------------------------------------------------------------------------------------------------- casting

class Cast implements Cmd {
  constructor(
    readonly performance: number,
    readonly performer: number,
    readonly character: number,
    /** Aim at a performer whose audition has begun, as a director would (otherwise anyone, to see refusals). */
    readonly aimed = false,
  ) {}
  check = (m: Model) => m.performances.length > 0;
  private target(m: Model, now: number) {
    if (this.aimed) {
      const p = performanceWhere(m, this.performance, castable(m, now));
      const begun = openSignUps(m, p, true, now);
      if (begun.length) {
        const s = pick(begun, this.performer);
        // Mostly a character they auditioned for.
        const characterId =
          this.character % 3 === 2 || s.characterIds.length === 0
            ? pick(p.characters, this.character).characterId
            : pick(s.characterIds, this.character);
        return { p, i: s.performer, characterId };
      }
    }
    const p = performanceAt(m, this.performance);
    return { p, i: performerFor(m, p, this.performer), characterId: pick(p.characters, this.character).characterId };
  }
  async run(m: Model, real: Real) {
    const { p, i, characterId } = this.target(m, Date.now());
    const refusal = model.castRefusal(m, p, i, characterId, Date.now());
    const response = await call(real, 'POST', `/performances/${p.performanceId}/castings`, {
      token: real.pool.directors[p.owner]!.token,
      body: { performerId: real.pool.performers[i]!.userId, characterId },
    });
    expectOutcome(response, refusal, 200, `casting performer ${i} in ${p.title}`);
    if (!refusal) model.applyCast(m, p, i, characterId);
    await checkAll(m, real);
  }
  toString = () => `cast(${this.performance}, ${this.performer}, ${this.character}${this.aimed ? ', aimed' : ''})`;
}

/** Undoes a casting (issue 11, item 13): `DELETE /performances/{id}/castings/{performerId}`. */
class UndoCast implements Cmd {
  constructor(
    readonly performance: number,
    readonly performer: number,
  ) {}
  private target(m: Model) {
    // Mostly a performance with someone cast, and one of them: the undo then has something to undo.
    const isCast = (p: ModelPerformance) => (s: model.ModelSignUp) =>
      s.performanceId === p.performanceId && s.status === 'cast';
    const p = performanceWhere(m, this.performance, (x) => !x.deleted && m.signUps.some(isCast(x)));
    const cast = m.signUps.filter(isCast(p));
    const i =
      this.performer % 4 !== 3 && cast.length
        ? pick(cast, this.performer).performer
        : performerFor(m, p, this.performer);
    return { p, i };
  }
  check = (m: Model) => {
    if (isKnown('undo-casting') || !m.performances.length) return false;
    // The reminder the undo plans (its slot moved ahead while cast) must fit the harness's clocks.
    const { p, i } = this.target(m);
    const s = model.latestSignUp(m, p.performanceId, i);
    return !s || s.status !== 'cast' || model.fitsClocks(m, model.reminderAfterUndo(m, p, s, Date.now()));
  };
  async run(m: Model, real: Real) {
    const { p, i } = this.target(m);
    const refusal = model.undoCastRefusal(m, p, i);
    const response = await call(
      real,
      'DELETE',
      `/performances/${p.performanceId}/castings/${real.pool.performers[i]!.userId}`,
      {
        token: real.pool.directors[p.owner]!.token,
      },
    );
    expectOutcome(response, refusal, 200, `undoing the casting of performer ${i} in ${p.title}`);
    if (!refusal) model.applyUndoCast(m, p, i, Date.now());
    await checkAll(m, real);
  }
  toString = () => `undoCast(${this.performance}, ${this.performer})`;
}

class CloseCasting implements Cmd {
  constructor(
    readonly performance: number,
    /** Aim at a performance with someone whose audition has begun (and so is told "not cast"). */
    readonly aimed = false,
  ) {}
  private target(m: Model) {
    return this.aimed
      ? performanceWhere(m, this.performance, castable(m, Date.now()))
      : performanceAt(m, this.performance);
  }
  check = (m: Model) => {
    if (!m.performances.length) return false;
    const p = this.target(m);
    return (
      !isKnown('close-casting-cancels-ahead') || p.deleted || model.openSignUpsAhead(m, p, Date.now()).length === 0
    );
  };
  async run(m: Model, real: Real) {
    const p = this.target(m);
    const refusal = model.closeCastingRefusal(p);
    const response = await call(real, 'POST', `/performances/${p.performanceId}/close-casting`, {
      token: real.pool.directors[p.owner]!.token,
    });
    expectOutcome(response, refusal, 202, `closing casting of ${p.title}`);
    if (!refusal) model.applyCloseCasting(m, p, Date.now());
    await checkAll(m, real);
  }
  toString = () => `closeCasting(${this.performance}${this.aimed ? ', aimed' : ''})`;
}

// --------------------------------------------------------------------------------------------- zones, clock

class ChangeZone implements Cmd {
  constructor(
    readonly performer: number,
    readonly zone: number,
  ) {}
  check = (m: Model) => {
    const i = this.performer % m.performers.length;
    const zone = pick(otherZones, this.zone);
    return m.signUps
      .filter((s) => s.performer === i && s.status === 'signed-up')
      .every((s) => {
        const p = m.performances.find((x) => x.performanceId === s.performanceId)!;
        const slot = p.slots.find((x) => x.slotId === s.slotId)!;
        return model.fitsClocks(m, model.plannedReminder(model.slotStart(p, slot), zone, Date.now()));
      });
  };
  async run(m: Model, real: Real) {
    const i = this.performer % m.performers.length;
    const zone = pick(otherZones, this.zone);
    const response = await call(real, 'PATCH', '/me', {
      token: real.pool.performers[i]!.token,
      body: { timeZone: zone },
    });
    expectOutcome(response, undefined, 200, `zone change of performer ${i}`);
    model.applyZoneChange(m, i, zone, Date.now());
    await checkAll(m, real);
  }
  toString = () => `changeZone(${this.performer}, ${pick(otherZones, this.zone)})`;
}

/** Fires the reminder dispatcher (and the search refresh) as EventBridge would at the virtual clock. */
async function fireSchedules(m: Model, real: Real, clock: number) {
  const time = new Date(clock).toISOString();
  const dispatched = await api('POST', '/__local/schedules/reminder-dispatcher', { body: { time } });
  expect(dispatched.status, `reminder dispatcher at ${time}`).toBe(200);
  real.log.push(`reminder-dispatcher at ${time}`);
  model.applyDispatch(m, clock);
  // The search index is refreshed on the real clock: the handlers read the real clock, so a refresh ahead of it
  // would file performances under auditions that, for the handlers, have not begun.
  const refreshed = await api('POST', '/__local/schedules/search-refresh', {
    body: { time: new Date().toISOString() },
  });
  expect(refreshed.status, 'search refresh').toBe(200);
}

class AdvanceClock implements Cmd {
  constructor(readonly minutes: number) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const clock = Math.max(m.clock, Date.now()) + this.minutes * 60_000;
    await fireSchedules(m, real, clock);
    await checkAll(m, real);
  }
  toString = () => `advanceClock(${this.minutes} min)`;
}

/**
 * Moves the virtual clock to a planned reminder instant plus `offsetMinutes` (mostly within the hour before it, or
 * just after it), so a reminder sent early or late is seen; any reminder when none is planned ahead.
 */
class AdvanceToReminder implements Cmd {
  constructor(
    readonly reminder: number,
    readonly offsetMinutes: number,
  ) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const base = Math.max(m.clock, Date.now());
    const pending = [
      ...new Set(
        m.signUps
          .filter(
            (s) => s.status === 'signed-up' && !s.reminderDone && s.reminderAt !== undefined && s.reminderAt > base,
          )
          .map((s) => s.reminderAt!),
      ),
    ].sort((a, b) => a - b);
    const target = pending.length ? pick(pending, this.reminder) + this.offsetMinutes * 60_000 : base + 60_000;
    // The clock never goes back.
    await fireSchedules(m, real, Math.max(target, base + 60_000));
    await checkAll(m, real);
  }
  toString = () => `advanceToReminder(${this.reminder}, ${this.offsetMinutes} min)`;
}

// --------------------------------------------------------------------------------------------------- search

interface SearchSpec {
  extraWord?: number;
  place?: number;
  byCountryOnly: boolean;
  kind?: 'live' | 'filmed';
  character?: { gender?: string; voiceType?: string; age?: number };
  from?: number;
  to?: number;
  includeClosed?: boolean;
  limit: number;
  /** Minutes the clock moves (and the schedules fire) between the first and the second page. */
  advanceBetweenPages?: number;
}

function searchQuery(m: Model, real: Real, s: SearchSpec): SearchQuery {
  const words = [...titleWords, ...characterPool.map((c) => c.name), 'Hall', 'Studio'];
  const place = s.place === undefined ? undefined : pick(venues, s.place);
  const day = (offset: number) => DateTime.now().toUTC().plus({ days: offset }).toFormat('yyyy-MM-dd');
  let from = s.from === undefined ? undefined : day(s.from);
  let to = s.to === undefined ? undefined : day(s.to);
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q: s.extraWord === undefined ? real.runTag : `${real.runTag} ${pick(words, s.extraWord)}`,
    ...(place ? (s.byCountryOnly ? { country: place.country } : { city: place.city, country: place.country }) : {}),
    ...(s.kind ? { kind: s.kind } : {}),
    ...s.character,
    ...(isKnown('search-date-filters') ? {} : { ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    ...(s.includeClosed !== undefined ? { includeClosed: s.includeClosed } : {}),
    limit: s.limit,
  };
}

type Found = { performanceId: string; next: string | null }[];

class Search implements Cmd {
  constructor(readonly spec: SearchSpec) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const q = searchQuery(m, real, this.spec);
    const params = new URLSearchParams(
      Object.entries(q).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])),
    );
    // Order within a group of equal next auditions is not defined: compare group by group as sets.
    const sorted = (list: Found) => [...list].sort((a, b) => a.performanceId.localeCompare(b.performanceId));
    // The table stream files changes in the index a moment after they are made: a step waits for that, as for
    // email, and fails only when the index still disagrees after the wait.
    const deadline = Date.now() + 10_000;
    for (let attempt = 0; ; attempt++) {
      const expected = model.expectedSearch(m, q, Date.now());
      const seen = await this.walk(m, real, params, q.limit, attempt === 0);
      const groups: Found[] = [];
      let k = 0;
      for (const group of expected) {
        groups.push(sorted(seen.slice(k, k + group.length)));
        k += group.length;
      }
      const actual = { groups, rest: seen.slice(k) };
      const wanted = { groups: expected.map(sorted), rest: [] };
      if (JSON.stringify(actual) === JSON.stringify(wanted)) break;
      if (Date.now() > deadline) {
        expect(actual, `search ${params} (all pages, this run's performances)`).toEqual(wanted);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await checkAll(m, real);
  }

  /** Walks every page by cursor; returns this run's performances in the order found. */
  private async walk(m: Model, real: Real, params: URLSearchParams, limit: number, moveClock: boolean) {
    const ours = new Set(m.performances.map((p) => p.performanceId));
    const seen: Found = [];
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      const response = await call<{
        results: { performanceId: string; nextAudition: string | null }[];
        next: string | null;
      }>(real, 'GET', `/performances?${params}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        token: real.pool.performers[0]!.token,
      });
      expect(response.status, `search ${params}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(200);
      expect(response.body.results.length).toBeLessThanOrEqual(limit);
      seen.push(
        ...response.body.results
          .filter((r) => ours.has(r.performanceId))
          .map((r) => ({ performanceId: r.performanceId, next: r.nextAudition })),
      );
      if (!response.body.next) return seen;
      expect(page, 'pages of one search').toBeLessThan(50);
      cursor = response.body.next;
      if (page === 0 && moveClock && this.spec.advanceBetweenPages) {
        await fireSchedules(m, real, Math.max(m.clock, Date.now()) + this.spec.advanceBetweenPages * 60_000);
      }
    }
  }

  toString = () => `search(${JSON.stringify(this.spec)})`;
}

// ------------------------------------------------------------------------------------------------ arbitraries

const index = fc.nat({ max: 5 });

const createArbitrary = fc
  .record({
    owner: fc.nat({ max: 1 }),
    kind: fc.constantFrom('live' as const, 'filmed' as const),
    venue: fc.nat({ max: venues.length - 1 }),
    title: fc.nat({ max: titleWords.length - 1 }),
    characters: fc.array(fc.nat({ max: characterPool.length - 1 }), { minLength: 1, maxLength: 3 }),
    slots: fc.array(fc.record({ ...slotTimeArb_fields(), capacity: fc.integer({ min: 1, max: 3 }) }), {
      minLength: 0,
      maxLength: 3,
    }),
    dates: fc.array(fc.integer({ min: -60, max: 90 }), { maxLength: 3 }),
  })
  .map((spec) => new CreatePerformance(spec));

/** A performance with at least one audition ahead, to open a sequence with. */
export const openingArbitrary = createArbitrary.filter((c) =>
  (c as CreatePerformance).spec.slots.some((t) => t.days > 0),
);

/** A search with few filters, so this run's performances are mostly in it and pages are walked. */
const searchArbitrary = fc
  .record(
    {
      kind: fc.constantFrom('live' as const, 'filmed' as const),
      includeClosed: fc.boolean(),
      limit: fc.integer({ min: 1, max: 2 }),
      advanceBetweenPages: fc.integer({ min: 1, max: 2 * 24 * 60 }),
    },
    { requiredKeys: ['limit'] },
  )
  .map((spec) => new Search({ ...spec, byCountryOnly: false }));

export const signUpArbitrary = fc
  .record(
    {
      performance: index,
      performer: index,
      slot: index,
      characters: fc.array(index, { minLength: 1, maxLength: 2 }),
      rival: index,
    },
    { requiredKeys: ['performance', 'performer', 'slot', 'characters'] },
  )
  .map((spec) => new SignUp(spec));

/** An audition held earlier than planned: a slot with open sign-ups moved 1 to 180 minutes into the past. */
export const moveIntoPastArbitrary = fc
  .tuple(index, index, fc.integer({ min: 1, max: 180 }))
  .map(([p, k, ago]) => new MoveSlotIntoPast(p, k, ago));

/** The commands; creating is listed twice and signing up three times, so sequences reach the states that need performances. */
export const commandArbitraries: fc.Arbitrary<Cmd>[] = [
  createArbitrary,
  createArbitrary,
  fc
    .record(
      {
        performance: index,
        move: fc.record({
          slot: index,
          to: fc.oneof(slotTimeArb, fc.record({ ...slotTimeArb_fields(), days: fc.integer({ min: -2, max: -1 }) })),
        }),
        add: fc.record({ ...slotTimeArb_fields(), capacity: fc.integer({ min: 1, max: 3 }) }),
        remove: index,
        shrink: fc.record({ slot: index, capacity: fc.integer({ min: 1, max: 2 }) }),
        addCharacter: fc.nat({ max: characterPool.length - 1 }),
        removeCharacter: index,
        stale: fc.boolean(),
      },
      { requiredKeys: ['performance', 'stale'] },
    )
    .map((spec) => new EditPerformance(spec)),
  index.map((i) => new DeletePerformance(i)),
  signUpArbitrary,
  signUpArbitrary,
  signUpArbitrary,
  fc.tuple(index, index).map(([p, i]) => new Withdraw(p, i)),
  fc.tuple(index, index, index).map(([p, i, c]) => new Cast(p, i, c)),
  // Weighted (listed several times) so that auditions are held, cast, undone and closed on in most sequences.
  ...Array.from({ length: 3 }, () => fc.tuple(index, index, index).map(([p, i, c]) => new Cast(p, i, c, true))),
  moveIntoPastArbitrary,
  moveIntoPastArbitrary,
  moveIntoPastArbitrary,
  fc.tuple(index, index).map(([p, i]) => new UndoCast(p, i)),
  fc.tuple(index, index).map(([p, i]) => new UndoCast(p, i)),
  index.map((i) => new CloseCasting(i)),
  index.map((i) => new CloseCasting(i, true)),
  index.map((i) => new CloseCasting(i, true)),
  fc.tuple(index, index).map(([i, z]) => new ChangeZone(i, z)),
  fc
    .oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 120, max: 3 * 24 * 60 }))
    .map((minutes) => new AdvanceClock(minutes)),
  // Mostly within the hour before a planned reminder (an early one would show), else just after it.
  ...Array.from({ length: 3 }, () =>
    fc
      .tuple(
        index,
        fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -60, max: -1 }) }, fc.integer({ min: 0, max: 20 })),
      )
      .map(([r, offset]) => new AdvanceToReminder(r, offset)),
  ),
  searchArbitrary,
  fc
    .record(
      {
        extraWord: fc.nat({ max: 20 }),
        place: fc.nat({ max: venues.length - 1 }),
        byCountryOnly: fc.boolean(),
        kind: fc.constantFrom('live' as const, 'filmed' as const),
        character: fc.record(
          {
            gender: fc.constantFrom('female', 'male', 'non-binary', 'any'),
            voiceType: fc.constantFrom('soprano', 'baritone'),
            age: fc.integer({ min: 10, max: 70 }),
          },
          { requiredKeys: [] },
        ),
        from: fc.integer({ min: -70, max: 100 }),
        to: fc.integer({ min: -70, max: 100 }),
        includeClosed: fc.boolean(),
        limit: fc.integer({ min: 1, max: 4 }),
        advanceBetweenPages: fc.integer({ min: 1, max: 2 * 24 * 60 }),
      },
      { requiredKeys: ['byCountryOnly', 'limit'] },
    )
    .map((spec) => new Search(spec)),
];

function slotTimeArb_fields() {
  return {
    days: fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 1, max: 12 }) },
      { weight: 1, arbitrary: fc.integer({ min: -2, max: -1 }) },
    ),
    hour: fc.integer({ min: 7, max: 21 }),
    minute: fc.integer({ min: 0, max: 59 }),
  };
}
