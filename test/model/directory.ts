/**
 * The talent directory and invitations in the model test (issue 17): a performer edits their directory entry and
 * switches `listed`; a director searches `GET /performers`; a director invites a performer to their own
 * performance; a performer opens or declines an invitation. Each command has its precondition, its real call and
 * its comparison with the model, as in commands.ts.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Pool, Real } from './harness';
import { call, checkAll, expectOutcome } from './harness';
import type { Model, ModelInvitation, ModelListing, ModelPerformance } from './model';
import { activeSignUp } from './model';

type Cmd = fc.AsyncCommand<Model, Real>;

const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
const voiceTypes = ['baritone', 'soprano', 'tenor'] as const;
const skills = ['singing', 'stage combat', 'juggling'] as const;

/** How many invitations each pool director sent on a UTC day: the limit (20 a day) outlives a run. */
const sentToday = new WeakMap<Pool, { day: string; counts: number[] }>();
const invitationsPerDay = 20;

function dayCounts(pool: Pool) {
  const day = new Date().toISOString().slice(0, 10);
  let counts = sentToday.get(pool);
  if (!counts || counts.day !== day) {
    counts = { day, counts: pool.directors.map(() => 0) };
    sentToday.set(pool, counts);
  }
  return counts.counts;
}

// ------------------------------------------------------------------------------------------------- the model

/** Whether a listing is found by this run's directory search with `filter` (the run's tag is always asked). */
export function listingMatches(l: ModelListing, filter: DirectoryFilter): boolean {
  if (!l.listed || !l.tagged) return false;
  if (filter.voiceType && l.voiceType !== filter.voiceType) return false;
  return (filter.skills ?? []).every((s) => l.skills.includes(s));
}

export const invitationOf = (m: Model, performanceId: string, performer: number) =>
  m.invitations.find((x) => x.performanceId === performanceId && x.performer === performer);

/** Why inviting `performer` to `p` is refused, in the order the rules are checked; undefined when it is sent. */
export function inviteRefusal(m: Model, p: ModelPerformance, performer: number, sentByOwner: number) {
  const listing = m.listings[performer]!;
  if (p.deleted) return { status: 404, codes: ['not-found'] };
  if (!listing.listed) return { status: 404, codes: ['performer-not-found'] };
  if (!listing.invitations) return { status: 409, codes: ['invitations-off'] };
  if (p.castingClosed) return { status: 409, codes: ['casting-closed'] };
  if (invitationOf(m, p.performanceId, performer)) return { status: 409, codes: ['already-invited'] };
  if (sentByOwner >= invitationsPerDay) return { status: 429, codes: ['invitation-limit'] };
  return undefined;
}

const statusOrder = { sent: 0, opened: 1, declined: 2 } as const;

/**
 * What a performer's invitation list shows: `withdrawn` once the performance is deleted, `signed-up` while they hold
 * an active sign-up, `closed` once casting closed before they answered, else the stored status.
 */
export function shownInvitations(m: Model, performer: number): Record<string, string> {
  return Object.fromEntries(
    m.invitations
      .filter((x) => x.performer === performer)
      .map((x) => {
        const p = m.performances.find((q) => q.performanceId === x.performanceId);
        if (!p || p.deleted) return [x.performanceId, 'withdrawn'];
        if (activeSignUp(m, x.performanceId, performer)) return [x.performanceId, 'signed-up'];
        return [x.performanceId, p.castingClosed && x.status !== 'declined' ? 'closed' : x.status];
      }),
  );
}

const isDeleted = (m: Model, performanceId: string) =>
  m.performances.find((p) => p.performanceId === performanceId)?.deleted === true;

/** Compares every pool performer's invitations to this run's performances (deleted ones too) with the model. */
async function checkInvitations(m: Model, real: Real) {
  const ours = new Set(m.performances.map((p) => p.performanceId));
  for (const [i, performer] of real.pool.performers.entries()) {
    const response = await call<{ invitations: { performanceId: string; status: string }[] }>(
      real,
      'GET',
      '/me/invitations',
      { token: performer.token },
    );
    expect(response.status).toBe(200);
    const mine = response.body.invitations.filter((x) => ours.has(x.performanceId));
    expect(new Set(mine.map((x) => x.performanceId)).size, 'one invitation per performance').toBe(mine.length);
    expect(Object.fromEntries(mine.map((x) => [x.performanceId, x.status])), `invitations of performer ${i}`).toEqual(
      shownInvitations(m, i),
    );
  }
}

// ----------------------------------------------------------------------------------------------- the commands

interface ListingSpec {
  performer: number;
  listed: boolean;
  invitations: boolean;
  voiceType?: number;
  skills: number[];
}

/** A performer writes their directory entry (with this run's tag in the bio) and switches `listed`. */
class EditListing implements Cmd {
  constructor(readonly spec: ListingSpec) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const i = this.spec.performer % m.performers.length;
    const voiceType = this.spec.voiceType === undefined ? undefined : pick(voiceTypes, this.spec.voiceType);
    const chosen = [...new Set(this.spec.skills.map((k) => pick(skills, k)))];
    const response = await call(real, 'PATCH', '/me', {
      token: real.pool.performers[i]!.token,
      body: {
        listed: this.spec.listed,
        invitations: this.spec.invitations,
        voiceType: voiceType ?? null,
        skills: chosen,
        bio: `A performer of run ${real.runTag}.`,
      },
    });
    expectOutcome(response, undefined, 200, `directory entry of performer ${i}`);
    m.listings[i] = {
      listed: this.spec.listed,
      invitations: this.spec.invitations,
      tagged: true,
      ...(voiceType ? { voiceType } : {}),
      skills: chosen,
    };
    await checkAll(m, real);
  }
  toString = () => `editListing(${JSON.stringify(this.spec)})`;
}

interface DirectoryFilter {
  voiceType?: string;
  skills?: string[];
}

/**
 * A director searches the directory for this run's performers (the run's tag, from their bios) with a filter:
 * an unlisted performer never appears, at any attempt; the listed ones matching appear once the indexer caught up.
 */
class SearchDirectory implements Cmd {
  constructor(
    readonly filter: DirectoryFilter,
    readonly limit: number,
  ) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const ids = real.pool.performers.map((p) => p.userId);
    const params = new URLSearchParams({ q: real.runTag, limit: String(this.limit) });
    if (this.filter.voiceType) params.set('voiceType', this.filter.voiceType);
    if (this.filter.skills?.length) params.set('skills', this.filter.skills.join(','));
    const expected = m.listings.flatMap((l, i) => (listingMatches(l, this.filter) ? [i] : []));
    // The table stream files a change in the index a moment after it is made: wait for it, as the search does.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = await this.walk(real, params);
      const mine = found.map((id) => ids.indexOf(id));
      expect(mine, 'no one outside this run’s pool has its tag').not.toContain(-1);
      const unlisted = mine.filter((i) => !m.listings[i]!.listed);
      expect(unlisted, `unlisted performers found by ${params}`).toEqual([]);
      expect(new Set(mine).size, `a performer found twice by ${params}`).toBe(mine.length);
      const actual = [...mine].sort();
      if (JSON.stringify(actual) === JSON.stringify(expected)) break;
      if (Date.now() > deadline) expect(actual, `directory search ${params} (all pages)`).toEqual(expected);
      await new Promise((r) => setTimeout(r, 250));
    }
    await checkAll(m, real);
  }

  private async walk(real: Real, params: URLSearchParams): Promise<string[]> {
    const found: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      const response = await call<{ results: { performerId: string }[]; next: string | null }>(
        real,
        'GET',
        `/performers?${params}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: real.pool.directors[page % real.pool.directors.length]!.token },
      );
      expect(response.status, `directory ${params}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(200);
      expect(response.body.results.length).toBeLessThanOrEqual(this.limit);
      found.push(...response.body.results.map((r) => r.performerId));
      if (!response.body.next) return found;
      expect(page, 'pages of one directory search').toBeLessThan(20);
      cursor = response.body.next;
    }
  }
  toString = () => `searchDirectory(${JSON.stringify(this.filter)}, limit ${this.limit})`;
}

/** Mostly a listed performer (the k-th of them), so invitations are sent; sometimes anyone. */
function inviteeFor(m: Model, k: number): number {
  const listed = m.listings.flatMap((l, i) => (l.listed ? [i] : []));
  return k % 4 === 3 || listed.length === 0 ? k % m.performers.length : pick(listed, k);
}

/** The owner of a performance invites a performer to it. */
class Invite implements Cmd {
  constructor(
    readonly performance: number,
    readonly performer: number,
  ) {}
  check = (m: Model) => m.performances.length > 0;
  async run(m: Model, real: Real) {
    // Mostly a performance still casting, so the invitation can be sent; sometimes any (closed, deleted).
    const open = m.performances.filter((x) => !x.deleted && !x.castingClosed);
    const p = pick(open.length && this.performance % 4 !== 3 ? open : m.performances, this.performance);
    const i = inviteeFor(m, this.performer);
    const counts = dayCounts(real.pool);
    const refusal = inviteRefusal(m, p, i, counts[p.owner]!);
    const response = await call(real, 'POST', `/performances/${p.performanceId}/invitations`, {
      token: real.pool.directors[p.owner]!.token,
      body: { performerId: real.pool.performers[i]!.userId, message: 'Come and sing for us.' },
    });
    expectOutcome(response, refusal, 201, `inviting performer ${i} to ${p.title}`);
    if (!refusal) {
      counts[p.owner]! += 1;
      m.invitations.push({ performanceId: p.performanceId, performer: i, status: 'sent' });
      m.emails.push({ kind: 'invitation', to: m.performers[i]!.email, title: p.title });
    }
    await checkAll(m, real);
    await checkInvitations(m, real);
  }
  toString = () => `invite(${this.performance}, ${this.performer})`;
}

/** A performer opens or declines an invitation (mostly one they have; else 404). Statuses only move forward. */
class MarkInvitation implements Cmd {
  constructor(
    readonly invitation: number,
    readonly status: 'opened' | 'declined',
  ) {}
  private target(m: Model): { performanceId: string; performer: number } {
    const live = m.invitations.filter((x) => !isDeleted(m, x.performanceId));
    if (live.length && this.invitation % 4 !== 3) return pick(live, this.invitation);
    const p = pick(
      m.performances.filter((x) => !x.deleted),
      this.invitation,
    );
    return { performanceId: p.performanceId, performer: this.invitation % m.performers.length };
  }
  check = (m: Model) => m.performances.some((p) => !p.deleted);
  async run(m: Model, real: Real) {
    const { performanceId, performer } = this.target(m);
    const invitation: ModelInvitation | undefined = invitationOf(m, performanceId, performer);
    const performerAccount = real.pool.performers[performer]!;
    const response = await call(real, 'PUT', `/me/invitations/${performanceId}_${performerAccount.userId}`, {
      token: performerAccount.token,
      body: { status: this.status },
    });
    expectOutcome(
      response,
      invitation ? undefined : { status: 404, codes: ['not-found'] },
      200,
      `performer ${performer} marks the invitation to ${performanceId} ${this.status}`,
    );
    if (invitation && statusOrder[this.status] > statusOrder[invitation.status]) invitation.status = this.status;
    await checkAll(m, real);
    await checkInvitations(m, real);
  }
  toString = () => `markInvitation(${this.invitation}, ${this.status})`;
}

// ------------------------------------------------------------------------------------------------ arbitraries

const index = fc.nat({ max: 5 });

/** A performer's directory entry, mostly listed: some sequences open with them, so invitations are sent. */
export const listingArbitrary: fc.Arbitrary<Cmd> = fc
  .record(
    {
      performer: index,
      listed: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
      invitations: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
      voiceType: fc.nat({ max: voiceTypes.length - 1 }),
      skills: fc.array(fc.nat({ max: skills.length - 1 }), { maxLength: 2 }),
    },
    { requiredKeys: ['performer', 'listed', 'invitations', 'skills'] },
  )
  .map((spec) => new EditListing(spec));

/** The directory and invitation commands, added to commands.ts's by the model test (inviting weighted). */
export const directoryArbitraries: fc.Arbitrary<Cmd>[] = [
  listingArbitrary,
  listingArbitrary,
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...voiceTypes).map((voiceType): DirectoryFilter => ({ voiceType })),
        fc.subarray([...skills], { minLength: 1, maxLength: 2 }).map((s): DirectoryFilter => ({ skills: s })),
        fc.constant<DirectoryFilter>({}),
      ),
      fc.integer({ min: 1, max: 3 }),
    )
    .map(([filter, limit]) => new SearchDirectory(filter, limit)),
  ...Array.from({ length: 3 }, () => fc.tuple(index, index).map(([p, i]) => new Invite(p, i))),
  fc.tuple(index, fc.constantFrom('opened' as const, 'declined' as const)).map(([k, s]) => new MarkInvitation(k, s)),
];
