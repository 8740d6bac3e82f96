/**
 * The real side of the model test: the local stack over HTTP, a fixed pool of accounts, the SES stand-in's
 * store, and the check that compares the whole observable state with the model after every step.
 */
import { expect } from 'vitest';
import { api, signedUpUser } from '../support/api';
import type { ApiResponse } from '../support/api';
import { sentEmails } from '../support/outbox';
import type { ExpectedEmail, Model, Refusal } from './model';
import { career, latestSignUp, slotTaken } from './model';
import type { OpenApiDocument } from './openapi-check';
import { responseViolations } from './openapi-check';

export interface Account {
  email: string;
  userId: string;
  token: string;
  homeZone: string;
}

/** Performers' home zones: a half-hour zone, a 45-minute zone, both sides of the date line. */
export const performerZones = ['America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Marquesas', 'Europe/London'];
export const directorZones = ['Australia/Sydney', 'America/New_York'];
/** Zones a performer may move to. */
export const otherZones = ['Pacific/Kiritimati', 'Asia/Tokyo', 'America/Denver', 'Europe/Berlin', ...performerZones];

export interface Pool {
  performers: Account[];
  directors: Account[];
}

/** Creates the accounts once per test file (Cognito is slow-ish); runs reuse them. */
export async function createPool(): Promise<Pool> {
  const make = (role: 'performer' | 'director', zone: string, i: number) =>
    signedUpUser(role, { timeZone: zone, name: `Model ${role} ${i}` }).then((a) => ({ ...a, homeZone: zone }));
  const performers = await Promise.all(performerZones.map((z, i) => make('performer', z, i)));
  const directors = await Promise.all(directorZones.map((z, i) => make('director', z, i)));
  return { performers, directors };
}

/** What one run knows of the real system: the pool, the document, its tag and where its emails start. */
export interface Real {
  pool: Pool;
  doc: OpenApiDocument;
  /** A word in every title of this run, so its emails and search results are told from others'. */
  runTag: string;
  emailBaseline: number;
  /** Deleted performances already seen answering 404 (read once, not after every step). */
  seenDeleted: Set<string>;
  /** Every call of this run, for the failure report. */
  log: string[];
}

/** Calls the API and checks the response against `/openapi.json`. */
export async function call<T = Record<string, unknown>>(
  real: Real,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ApiResponse<T>> {
  const response = await api<T>(method, path, options);
  real.log.push(`${method} ${path} → ${response.status}`);
  const violations = responseViolations(real.doc, { method, path }, response);
  expect(violations, `response of ${method} ${path} against /openapi.json`).toEqual([]);
  return response;
}

/** Starts a run: performers back in their home zones, a fresh tag, and the outbox position to read from. */
export async function startRun(pool: Pool, doc: OpenApiDocument, runTag: string): Promise<Real> {
  const real: Real = { pool, doc, runTag, emailBaseline: 0, seenDeleted: new Set(), log: [] };
  for (const p of pool.performers) {
    const response = await call(real, 'PATCH', '/me', {
      token: p.token,
      body: { timeZone: p.homeZone, listed: false, invitations: true },
    });
    expect(response.status).toBe(200);
  }
  real.emailBaseline = (await sentEmails()).length;
  return real;
}

/** Deletes what a run left, so the index stays small; the emails this causes are not this run's concern. */
export async function endRun(m: Model, real: Real): Promise<void> {
  for (const p of m.performances.filter((x) => !x.deleted)) {
    await api('DELETE', `/performances/${p.performanceId}`, { token: real.pool.directors[p.owner]!.token });
  }
}

/** The kind of an email, from its subject (and text where one subject serves two kinds). */
export function emailKind(subject: string, text: string, toDirector: boolean): string {
  if (subject.startsWith('Reminder:')) return 'reminder';
  if (/ invites you to audition for /.test(subject)) return 'invitation';
  if (subject.startsWith('Audition confirmed:')) return 'confirmation';
  if (subject.startsWith('New audition sign-up:')) return 'signup-received';
  if (toDirector && /withdr/i.test(subject + text)) return 'withdrawal-received';
  if (subject.startsWith('You have withdrawn')) return 'withdrawal';
  if (/no longer cast|undone|uncast/i.test(subject)) return 'uncast';
  if (subject.startsWith('You have been cast')) return 'cast';
  if (subject.startsWith('Audition moved:')) return 'slot-moved';
  const closingBeforeAudition = /before your audition|casting (has )?closed|closed casting/i.test(text);
  if (subject.startsWith('Audition cancelled:')) return closingBeforeAudition ? 'closing-cancellation' : 'cancellation';
  if (/^Casting for .* (has )?closed/.test(subject)) {
    return /not cast/i.test(text) || !/before your audition|cancel/i.test(text) ? 'not-cast' : 'closing-cancellation';
  }
  return `other: ${subject}`;
}

const emailKey = (e: ExpectedEmail) => `${e.kind} → ${e.to} (${e.title})`;

/** The run's emails as delivered so far, each as `kind → recipient (title)`. */
async function deliveredEmails(m: Model, real: Real): Promise<string[]> {
  // Longest first: `Lear … no1` is part of `Lear … no10`.
  const titles = m.performances.map((p) => p.title).sort((a, b) => b.length - a.length);
  const directors = new Set([m.contacts.director, m.contacts.castingDirector]);
  return (await sentEmails())
    .slice(real.emailBaseline)
    .filter((e) => e.subject.includes(real.runTag))
    .flatMap((e) => {
      const title = titles.find((t) => e.subject.includes(t)) ?? '?';
      return e.destination.to.map((to) =>
        emailKey({ kind: emailKind(e.subject, e.body.text ?? '', directors.has(to)) as never, to, title }),
      );
    });
}

const multiset = (keys: string[]) => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};

/**
 * Waits until the email queue has delivered what the model expects, and fails at once on an email the model
 * does not expect (early, duplicate or wrong kind); fails after `timeoutMs` on one still missing.
 */
export async function checkEmails(m: Model, real: Real, timeoutMs = 15_000): Promise<void> {
  const expected = multiset(m.emails.map(emailKey));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actual = multiset(await deliveredEmails(m, real));
    const extra = [...actual].filter(([k, n]) => n > (expected.get(k) ?? 0)).map(([k, n]) => `${k} ×${n}`);
    const missing = [...expected].filter(([k, n]) => n > (actual.get(k) ?? 0)).map(([k, n]) => `${k} ×${n}`);
    expect(extra, 'emails delivered that the model does not expect (early, duplicate or wrong)').toEqual([]);
    if (missing.length === 0) return;
    if (Date.now() > deadline) expect(missing, 'emails the model expects that were not delivered').toEqual([]);
    await new Promise((r) => setTimeout(r, 150));
  }
}

interface SignUpListView {
  signUps: { performanceId: string; status: string; castAs?: string; reminder?: { utc: string } }[];
}
interface PerformanceView {
  version: number;
  castingClosed: boolean;
  slots: { slotId: string; capacity: number; remaining: number }[];
  characters: { characterId: string; cast: number; places: number }[];
}
interface MeView {
  currentPerformances?: { performanceId: string; character: string }[];
  pastPerformances?: { performanceId: string; character: string }[];
}

const bySlotId = (a: { slotId: string }, b: { slotId: string }) => a.slotId.localeCompare(b.slotId);

/** Compares every sign-up, slot count, character count and career with the model, and checks the invariants. */
export async function checkState(m: Model, real: Real): Promise<void> {
  const now = Date.now();
  const ours = new Set(m.performances.map((p) => p.performanceId));
  for (const [i, performer] of real.pool.performers.entries()) {
    const { body } = await call<SignUpListView>(real, 'GET', '/me/signups', { token: performer.token });
    const mine = body.signUps.filter((s) => ours.has(s.performanceId));
    const active = mine.filter((s) => s.status === 'signed-up' || s.status === 'cast').map((s) => s.performanceId);
    expect(new Set(active).size, 'at most one active sign-up per performer and performance').toBe(active.length);
    const actual = Object.fromEntries(
      mine.map((s) => [s.performanceId, { status: s.status, castAs: s.castAs, reminder: s.reminder?.utc }]),
    );
    const expected = Object.fromEntries(
      m.performances.flatMap((p) => {
        const s = latestSignUp(m, p.performanceId, i);
        if (!s) return [];
        const reminder =
          s.status === 'signed-up' && s.reminderAt !== undefined ? new Date(s.reminderAt).toISOString() : undefined;
        return [[p.performanceId, { status: s.status, castAs: s.castAs, reminder }]];
      }),
    );
    expect(actual, `sign-ups of performer ${i}`).toEqual(expected);

    // Careers change only through castings: read them once this run has cast someone.
    if (!m.signUps.some((s) => s.castAs !== undefined)) continue;
    const { body: me } = await call<MeView>(real, 'GET', '/me', { token: performer.token });
    const refs = (list: MeView['currentPerformances']) =>
      (list ?? [])
        .filter((r) => ours.has(r.performanceId))
        .map((r) => `${r.performanceId}:${r.character}`)
        .sort();
    expect(
      { current: refs(me.currentPerformances), past: refs(me.pastPerformances) },
      `career of performer ${i}`,
    ).toEqual(career(m, i, now));
  }
  for (const p of m.performances.filter((x) => !x.deleted || !real.seenDeleted.has(x.performanceId))) {
    const response = await call<PerformanceView>(real, 'GET', `/performances/${p.performanceId}`, {
      token: real.pool.directors[p.owner]!.token,
    });
    if (p.deleted) {
      expect(response.status, `deleted ${p.title}`).toBe(404);
      real.seenDeleted.add(p.performanceId);
      continue;
    }
    const view = response.body;
    for (const slot of view.slots) {
      expect(slot.remaining, 'places taken never exceed capacity').toBeGreaterThanOrEqual(0);
    }
    const expected = {
      version: p.version,
      castingClosed: p.castingClosed,
      slots: [...p.slots].sort(bySlotId).map((s) => ({
        slotId: s.slotId,
        capacity: s.capacity,
        // After casting closes, whether ended sign-ups still hold their places is not a product rule.
        remaining: p.castingClosed ? '-' : s.capacity - slotTaken(m, p.performanceId, s.slotId),
      })),
      characters: p.characters.map((c) => ({
        characterId: c.characterId,
        places: c.places,
        cast: m.signUps.filter(
          (s) => s.performanceId === p.performanceId && s.status === 'cast' && s.castAs === c.characterId,
        ).length,
      })),
    };
    expect(
      {
        version: view.version,
        castingClosed: view.castingClosed,
        slots: [...view.slots].sort(bySlotId).map((s) => ({
          slotId: s.slotId,
          capacity: s.capacity,
          remaining: p.castingClosed ? '-' : s.remaining,
        })),
        characters: view.characters.map((c) => ({ characterId: c.characterId, places: c.places, cast: c.cast })),
      },
      `performance ${p.title}`,
    ).toEqual(expected);
  }
}

/** The check after every step: emails drained and compared first (they travel with status changes), then state. */
export async function checkAll(m: Model, real: Real): Promise<void> {
  await checkEmails(m, real);
  await checkState(m, real);
}

/** Checks a response against a predicted refusal (or success with `okStatus`). */
export function expectOutcome(
  response: { status: number; body: unknown },
  refusal: Refusal | undefined,
  okStatus: number,
  what: string,
) {
  if (refusal) {
    expect({ status: response.status, code: (response.body as { code?: string }).code }, what).toEqual({
      status: refusal.status,
      code: expect.toBeOneOf(refusal.codes),
    });
  } else {
    expect(response.status, `${what}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(okStatus);
  }
}
