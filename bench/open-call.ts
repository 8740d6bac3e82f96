import { randomUUID } from 'node:crypto';
import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { QueueAttributeName } from '@aws-sdk/client-sqs';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DateTime } from 'luxon';
import type { LocalSystem } from '../local/system';
import { loadHandler } from '../local/runtime/handlers';
import { currentFunction, invoke } from '../local/runtime/invocation';
import type { MeteredCall, ThroughputLimits } from '../local/runtime/throughput';
import { baseTable, deployedLimits } from '../local/runtime/throughput';
import { keys } from '../src/adapters/dynamodb/keys';
import { performanceItem } from '../src/adapters/dynamodb/performance-store';
import { signUpItem } from '../src/adapters/dynamodb/signup-store';
import { sesClient } from '../src/adapters/ses/ses-email-sender';
import { emailQueueClient } from '../src/adapters/sqs/email-queue';
import type { Performance } from '../src/domain/performance';
import { signUp } from '../src/domain/sign-up-decisions';
import type { DispatchReport } from '../src/functions/reminder-dispatcher';
import type { FunctionName } from '../src/manifest';
import { functionNamed } from '../src/manifest';
import { bulkWrite } from './bulk-load';
import { benchPerformance } from './catalogue';
import { quantile, round } from './stats';
import { setTableStream } from './table-stream';
import type { HttpRequest, Person } from './units';
import { authorizedHttpEvent } from './units';

/** Read and write units by table (`table`) and index. */
type Units = Record<string, { read: number; write: number }>;

/** Emails expected and delivered in one phase, counted per recipient at the SES stand-in. */
export interface EmailTally {
  readonly expected: number;
  readonly delivered: number;
  /** Owed but not delivered when counted: after the throttling was lifted and the system reported quiet (see `method`). */
  readonly lost: number;
  /** Delivered more often to one address than that address was owed. */
  readonly duplicated: number;
  /** From the phase's start until the last expected email was delivered, s; null if not within the wait. */
  readonly allDeliveredSeconds: number | null;
  /** Delivered while still under the deployed throughput, before the wait ran out. */
  readonly deliveredWithinWait: number;
  readonly waitSeconds: number;
}

export interface OpenCallPhase {
  readonly name: string;
  /** Peak units consumed in any one second, per table and index, against the provisioned units a second. */
  readonly peakUnitsPerSecond: Record<
    string,
    { read: number; write: number; provisionedRead: number; provisionedWrite: number }
  >;
  /** Units by function (all its calls in the phase, refused attempts' partial use included). */
  readonly unitsByFunction: Record<string, Units>;
  readonly emails: EmailTally;
  /** Where the phase's missing emails would be: messages still on the queues once the system was quiet. */
  readonly leftBehind: QueuedMessages;
}

/** Messages on the email queue (visible, in flight or delayed), its dead-letter queue and the stream failure queues. */
export interface QueuedMessages {
  readonly emailQueue: number;
  readonly emailDeadLetters: number;
  readonly streamFailures: Record<string, number>;
}

export interface OpenCallResult {
  readonly generatedAt: string;
  readonly method: string;
  readonly provisioned: ThroughputLimits;
  readonly sesMaxSendRate: number;
  readonly signUps: {
    readonly performers: number;
    readonly arrivals: number;
    readonly arrivalSeconds: number;
    readonly offeredPerSecond: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly byStatus: Record<string, number>;
    readonly status201: number;
    readonly status409: number;
    readonly status503: number;
    /** 5xx other than 503: failures. */
    readonly otherServerErrors: number;
    readonly share503: number;
    readonly withdrawalsByStatus: Record<string, number>;
    /** A few answers other than 2xx, 409 and 503, as the handler gave them. */
    readonly failureSamples: readonly string[];
  };
  readonly reminders: {
    readonly due: number;
    readonly dispatcherRuns: number;
    readonly reports: readonly DispatchReport[];
    /** Dispatcher runs that failed (each invoked again, as EventBridge retries a failed invocation). */
    readonly dispatcherFailures: readonly string[];
  };
  readonly closeCasting: { readonly signUps: number; readonly status: number; readonly ms: number };
  readonly phases: readonly OpenCallPhase[];
  /** Units per operation measured here, per table and index, and what they allow at the provisioned throughput. */
  readonly perOperation: {
    readonly signUp: Units;
    readonly withdraw: Units;
    readonly reminder: Units;
    readonly email: Units;
  };
  readonly ceilings: {
    /** Accepted sign-ups a second the provisioned writes sustain (no burst credit), each with its email. */
    readonly signUpsPerSecond: number;
    readonly signUpsBoundBy: string;
    /** Reminders one dispatcher run of 120 s can send: on the sustained rate, and with a full 300 s burst credit. */
    readonly remindersPerRun: number;
    readonly remindersPerRunWithBurst: number;
    readonly remindersBoundBy: string;
    /** Emails a second: the table's writes at the mailer's units per email, or SES's rate. */
    readonly emailsPerSecond: number;
    readonly emailsBoundBy: string;
  };
}

const zone = 'Europe/London';
const domains = {
  signUp: 'signup.opencall.bench.example.com',
  reminder: 'remind.opencall.bench.example.com',
  close: 'close.opencall.bench.example.com',
};

/** The largest number of `per`-unit operations `capacity` units a second allow, and which resource binds. */
export function ceiling(
  capacity: (resource: string, kind: 'read' | 'write') => number,
  per: Units,
  seconds = 1,
): { value: number; boundBy: string } {
  let best = { value: Number.POSITIVE_INFINITY, boundBy: 'nothing' };
  for (const [resource, units] of Object.entries(per)) {
    for (const kind of ['read', 'write'] as const) {
      if (units[kind] <= 0) continue;
      const value = (capacity(resource, kind) * seconds) / units[kind];
      if (value < best.value) best = { value, boundBy: `${resource} ${kind === 'read' ? 'R' : 'W'}` };
    }
  }
  return best;
}

/** Adds `b` to `a`, resource by resource. */
function addUnits(a: Units, b: Units, factor = 1): Units {
  const out: Units = Object.fromEntries(Object.entries(a).map(([k, v]) => [k, { ...v }]));
  for (const [k, v] of Object.entries(b)) {
    const slot = (out[k] ??= { read: 0, write: 0 });
    slot.read += v.read * factor;
    slot.write += v.write * factor;
  }
  return out;
}

const scaled = (units: Units | undefined, divisor: number): Units =>
  Object.fromEntries(
    Object.entries(units ?? {}).map(([k, v]) => [
      k,
      { read: round(v.read / Math.max(1, divisor), 2), write: round(v.write / Math.max(1, divisor), 2) },
    ]),
  );

const profileItem = (person: Person, at: string) => ({
  ...keys.profile(person.userId),
  type: 'Profile',
  userId: person.userId,
  role: person.role,
  name: `Open call ${person.role}`,
  email: person.email,
  phone: '+442071838750',
  timeZone: zone,
  credits: [],
  createdAt: at,
});

/** A seeded performance owned by `ownerId`, with `slots` slots of `capacity` starting the day after `day`. */
function seededPerformance(n: number, day: DateTime, ownerId: string, slots: number, capacity: number): Performance {
  const base = benchPerformance(3_000_000 + n, day.toJSDate(), [ownerId]);
  const first = day.setZone(base.venue.timeZone).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0 });
  return {
    ...base,
    slots: Array.from({ length: slots }, (_, i) => ({
      slotId: `oc${n}x${i}`,
      start: first.plus({ minutes: 15 * i }).toFormat("yyyy-MM-dd'T'HH:mm"),
      durationMinutes: 15,
      capacity,
      location: { name: base.venue.name, address: base.venue.address },
    })),
  };
}

interface Options {
  readonly performers: number;
  readonly arrivalSeconds: number;
  readonly offeredPerSecond: number;
  readonly reminders: number;
  readonly closeSignUps: number;
  readonly waitSeconds: number;
  /** Quarter-hourly dispatcher runs the reminders may take (19:00 to 20:00): what is still due after them counts as lost. */
  readonly reminderRuns: number;
}

export const openCallOptions = (quick: boolean): Options =>
  quick
    ? {
        performers: 50,
        arrivalSeconds: 20,
        offeredPerSecond: 5000 / 600,
        reminders: 200,
        closeSignUps: 100,
        waitSeconds: 30,
        reminderRuns: 4,
      }
    : {
        performers: 500,
        arrivalSeconds: 120,
        offeredPerSecond: 5000 / 600,
        reminders: 2000,
        closeSignUps: 1000,
        waitSeconds: 60,
        reminderRuns: 4,
      };

/**
 * `npm run bench -- open-call`: an open call under the deployed throughput. Sign-ups arrive at the offered rate of
 * 5,000 in 10 minutes from the performers (each signing up, and on coming back withdrawing and signing up again);
 * then reminders due at one quarter hour go out; then casting closes on a performance full of sign-ups. Counts
 * statuses, latencies, the emails owed and delivered per address, and the units each second per table and index.
 */
export async function measureOpenCall(
  system: LocalSystem,
  progress: (line: string) => void,
  options: Options,
): Promise<OpenCallResult> {
  const table = system.stack.resources.tableName;
  const limits = deployedLimits();
  const capacity = (resource: string, kind: 'read' | 'write') =>
    (resource === baseTable ? limits.table : limits.indexes[resource])?.[kind] ?? 0;
  const now = new Date();
  const at = now.toISOString();
  const director: Person = { userId: randomUUID(), email: 'oc-director@bench.example.com', role: 'director' };
  const people = (n: number, prefix: string, domain: string): Person[] =>
    Array.from({ length: n }, (_, i) => ({
      userId: randomUUID(),
      email: `${prefix}${i}@${domain}`,
      role: 'performer',
    }));
  const performers = people(options.performers, 'oc-p', domains.signUp);
  const reminderPeople = people(options.reminders, 'oc-r', domains.reminder);
  const closePeople = people(options.closeSignUps, 'oc-c', domains.close);

  // Reminders due at a quarter hour tomorrow (so the scheduler's own runs meanwhile leave them alone).
  const day = DateTime.fromJSDate(now).plus({ days: 1 }).startOf('hour');
  const reminderInstant = day.toJSDate();
  const perSlot = 20;
  const reminderPerformances = Array.from({ length: Math.ceil(options.reminders / perSlot / 20) }, (_, n) =>
    seededPerformance(n, day, director.userId, 20, perSlot),
  );
  const reminderItems = reminderPeople.map((person, i) => {
    const performance = reminderPerformances[Math.floor(i / (perSlot * 20))] as Performance;
    const slot = performance.slots[Math.floor(i / perSlot) % 20];
    const { signUp: record } = signUp(
      { performance },
      { ...profileItem(person, at), role: 'performer' },
      { signUpId: `ocr-${i}`, slotId: slot?.slotId ?? '', characterIds: [] },
      now,
    );
    return signUpItem({ ...record, reminderAt: reminderInstant.toISOString() });
  });
  const closePerformance = seededPerformance(999, day, director.userId, 10, Math.ceil(options.closeSignUps / 10));
  const closeItems = closePeople.map((person, i) => {
    const { signUp: record } = signUp(
      { performance: closePerformance },
      { ...profileItem(person, at), role: 'performer' },
      { signUpId: `occ-${i}`, slotId: closePerformance.slots[i % 10]?.slotId ?? '', characterIds: [] },
      now,
    );
    return signUpItem(record);
  });
  progress(
    `open call: seeding ${performers.length + reminderPeople.length + closePeople.length} profiles, ` +
      `${reminderItems.length} sign-ups due a reminder and ${closeItems.length} on the performance to close`,
  );
  await setTableStream(table, false);
  await bulkWrite(table, [
    profileItem(director, at),
    ...[...performers, ...reminderPeople, ...closePeople].map((p) => profileItem(p, at)),
    ...[...reminderPerformances, closePerformance].map(performanceItem),
    ...reminderItems,
    ...closeItems,
  ]);
  await setTableStream(table, true);
  await new Promise((r) => setTimeout(r, 1_000));

  const slotStart = (i: number) =>
    DateTime.now()
      .setZone(zone)
      .plus({ days: 30 })
      .set({ hour: 10, minute: 0 })
      .plus({ minutes: 15 * i });
  const created = (await invokeHttpFunction('performance-create', director, {
    body: {
      title: 'Open call',
      description: 'An open call: every performer in town signs up for one of its audition slots.',
      kind: 'live',
      director: { name: 'Ann Director', email: 'ann.director@example.com', phone: '+442071838750' },
      castingDirector: { name: 'Cas Ting', email: 'cas.ting@example.com', phone: '+442071838751' },
      venue: { name: 'The Globe', address: '21 New Globe Walk', city: 'London', country: 'GB', timeZone: zone },
      dates: [`${DateTime.now().setZone(zone).plus({ days: 60 }).toFormat('yyyy-MM-dd')}T19:30`],
      characters: [{ name: 'Hamlet' }, { name: 'Ophelia' }],
      slots: Array.from({ length: 10 }, (_, i) => ({
        start: slotStart(i).toFormat("yyyy-MM-dd'T'HH:mm"),
        durationMinutes: 15,
        capacity: Math.ceil(options.performers / 10),
      })),
    },
  })) as {
    status: number;
    body: { performanceId: string; slots: { slotId: string }[]; characters: { characterId: string }[] };
  };
  if (created.status !== 201) throw new Error(`open call: performance create answered ${created.status}`);
  const openCall = created.body;
  await system.settled();

  // Units per second per resource, and per function, of the functions' calls while a phase runs.
  let perSecond = new Map<number, Units>();
  let byFunction: Record<string, Units> = {};
  const stopObserving = system.throughput.observe((call: MeteredCall) => {
    const fn = currentFunction();
    if (!fn) return;
    const second = Math.floor(Date.now() / 1000);
    const secondUnits = perSecond.get(second) ?? {};
    perSecond.set(second, secondUnits);
    const fnUnits = (byFunction[fn] ??= {});
    for (const [resource, units] of Object.entries(call.consumed)) {
      (secondUnits[resource] ??= { read: 0, write: 0 })[call.kind] += units;
      (fnUnits[resource] ??= { read: 0, write: 0 })[call.kind] += units;
    }
  });
  // Emails delivered per domain, as the mailer's sends succeed.
  const delivered: Record<string, number> = {};
  sesClient().middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      for (const to of (args.input as SendEmailCommandInput).Destination?.ToAddresses ?? []) {
        const domain = to.split('@')[1] ?? '';
        delivered[domain] = (delivered[domain] ?? 0) + 1;
      }
      return result;
    },
    { step: 'initialize', name: 'benchOpenCallEmails', override: true },
  );
  const since = Math.floor(Date.now() / 1000) - 1;
  const expectedByAddress = new Map<string, number>();
  const owe = (address: string) => expectedByAddress.set(address, (expectedByAddress.get(address) ?? 0) + 1);

  const phases: {
    name: string;
    domain: string;
    expected: number;
    startedAt: number;
    doneAt: number | null;
    deliveredWithinWait: number;
    peak: OpenCallPhase['peakUnitsPerSecond'];
    units: Record<string, Units>;
    leftBehind: QueuedMessages;
  }[] = [];
  /** Starts a phase with full burst credit: the phases are hours or days apart in life. */
  const sesRate = 14;
  const setSesRate = (perSecond: number) =>
    fetch(`${system.apiUrl}/__local/ses-rate`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perSecond }),
    });
  /** The hours between phases: what is still queued or retrying gets done (quickly here: nothing throttled). */
  const drain = async () => {
    system.throughput.setLimits(undefined);
    await setSesRate(1000);
    // Quiet means the pollers found nothing, and also no message waits out a delay on the email queue.
    const deadline = performance.now() + 180_000;
    let left = await queuedMessages(system);
    while (performance.now() < deadline) {
      await system.settled(deadline - performance.now()).catch(() => undefined);
      left = await queuedMessages(system);
      if (left.emailQueue === 0) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    if (left.emailQueue > 0) progress(`  (not quiet within 180 s: ${JSON.stringify(left)})`);
    return left;
  };
  const startPhase = async () => {
    await setSesRate(sesRate);
    system.throughput.setLimits(limits);
    perSecond = new Map();
    byFunction = {};
    return performance.now();
  };
  const endPhase = async (name: string, domain: string, expected: number, startedAt: number) => {
    const deadline = performance.now() + options.waitSeconds * 1000;
    let nextTick = performance.now() + 15_000;
    while ((delivered[domain] ?? 0) < expected && performance.now() < deadline) {
      if (performance.now() > nextTick) {
        progress(`  ${delivered[domain] ?? 0} of ${expected} emails delivered`);
        nextTick += 15_000;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const done = (delivered[domain] ?? 0) >= expected;
    const peak: OpenCallPhase['peakUnitsPerSecond'] = {};
    for (const units of perSecond.values()) {
      for (const [resource, u] of Object.entries(units)) {
        const slot = (peak[resource] ??= {
          read: 0,
          write: 0,
          provisionedRead: capacity(resource, 'read'),
          provisionedWrite: capacity(resource, 'write'),
        });
        slot.read = Math.max(slot.read, round(u.read, 1));
        slot.write = Math.max(slot.write, round(u.write, 1));
      }
    }
    const deliveredWithinWait = delivered[domain] ?? 0;
    progress(
      `  ${deliveredWithinWait} of ${expected} emails delivered ${done ? `in ${round((performance.now() - startedAt) / 1000)} s` : `when the ${options.waitSeconds} s wait ran out`}`,
    );
    const doneAt = done ? performance.now() : null;
    const leftBehind = await drain();
    phases.push({
      leftBehind,
      name,
      domain,
      expected,
      startedAt,
      doneAt,
      deliveredWithinWait,
      peak,
      units: byFunction,
    });
  };

  try {
    // Phase 1: the sign-ups arrive, at the offered rate, whatever the answers.
    const arrivals = Math.round(options.arrivalSeconds * options.offeredPerSecond);
    progress(`open call: ${arrivals} sign-ups from ${performers.length} performers over ${options.arrivalSeconds} s`);
    const latencies: number[] = [];
    const byStatus: Record<string, number> = {};
    const withdrawalsByStatus: Record<string, number> = {};
    const active = new Set<string>();
    const failureSamples: string[] = [];
    const sample = (name: string, answer: { status: number; body: unknown }) => {
      if (answer.status >= 500 && answer.status !== 503 && failureSamples.length < 5)
        failureSamples.push(`${name} ${answer.status}: ${JSON.stringify(answer.body)}`);
    };
    const uncertain = new Set<string>();
    const busy = new Map<string, Promise<void>>();
    const params = { performanceId: openCall.performanceId };
    const arrive = async (who: Person, slotId: string) => {
      if (active.has(who.userId)) {
        const withdrawn = await invokeHttpFunction('signup-withdraw', who, { params });
        withdrawalsByStatus[withdrawn.status] = (withdrawalsByStatus[withdrawn.status] ?? 0) + 1;
        sample('withdraw', withdrawn);
        if (withdrawn.status >= 200 && withdrawn.status < 300) {
          active.delete(who.userId);
          owe(who.email);
        } else {
          // Answered with an error, yet it may have taken effect: the sign-up below tells (201 only if withdrawn).
          uncertain.add(who.userId);
        }
      }
      const answer = await invokeHttpFunction('signup-create', who, {
        params,
        body: { slotId, characterIds: [openCall.characters[0]?.characterId] },
      });
      latencies.push(answer.ms);
      byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
      sample('sign-up', answer);
      if (answer.status === 201) {
        if (uncertain.has(who.userId)) owe(who.email);
        active.add(who.userId);
        owe(who.email);
      }
      uncertain.delete(who.userId);
    };
    const signUpStarted = await startPhase();
    for (let k = 0; k < arrivals; k++) {
      const wait = signUpStarted + (k / options.offeredPerSecond) * 1000 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const who = performers[k % performers.length] as Person;
      const slotId = openCall.slots[k % openCall.slots.length]?.slotId ?? '';
      // A performer's next visit waits for their previous one to be answered.
      const previous = busy.get(who.userId) ?? Promise.resolve();
      busy.set(
        who.userId,
        previous.then(() => arrive(who, slotId)),
      );
      if (k % 200 === 199) progress(`  ${k + 1} arrivals, ${JSON.stringify(byStatus)}`);
    }
    await Promise.all(busy.values());
    const signUpExpected = [...expectedByAddress.values()].reduce((a, b) => a + b, 0);
    progress(`  answered: ${JSON.stringify(byStatus)}; withdrawals ${JSON.stringify(withdrawalsByStatus)}`);
    await endPhase('sign-ups', domains.signUp, signUpExpected, signUpStarted);

    // Phase 2: the reminders due at one quarter hour, as EventBridge fires the dispatcher (again while unfinished).
    progress(`open call: ${reminderPeople.length} reminders due at one quarter hour`);
    reminderPeople.forEach((p) => owe(p.email));
    const remindersStarted = await startPhase();
    const reports: DispatchReport[] = [];
    const dispatcherFailures: string[] = [];
    // EventBridge fires the dispatcher every quarter hour. A run that cannot finish leaves the rest to the next run
    // (a failed run is retried as EventBridge retries an invocation); the quarter hour between runs refills the
    // burst credit, so each run after the first starts with full credit again.
    let scheduledRuns = 0;
    for (let attempt = 0; attempt < 12 && scheduledRuns < options.reminderRuns; attempt++) {
      const runAt = new Date(reminderInstant.getTime() + scheduledRuns * 15 * 60_000);
      try {
        reports.push((await system.scheduler.run('reminder-dispatcher', runAt)) as DispatchReport);
        progress(`  dispatcher run at ${runAt.toISOString()}: ${JSON.stringify(reports.at(-1))}`);
        scheduledRuns++;
        if (!reports.at(-1)?.unfinished) break;
        system.throughput.setLimits(limits);
      } catch (error) {
        dispatcherFailures.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        progress(`  dispatcher run at ${runAt.toISOString()} failed: ${dispatcherFailures.at(-1)}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    await endPhase('reminders', domains.reminder, reminderPeople.length, remindersStarted);

    // Phase 3: casting closes on the performance holding the seeded sign-ups, after its auditions.
    progress(`open call: closing casting on ${closePeople.length} sign-ups`);
    closePeople.forEach((p) => owe(p.email));
    const closeStarted = await startPhase();
    const closeAt = DateTime.fromISO(closePerformance.slots.at(-1)?.start ?? '', {
      zone: closePerformance.venue.timeZone,
    })
      .plus({ days: 1 })
      .toJSDate();
    const closed = await invokeHttpFunction('casting-close', director, {
      params: { performanceId: closePerformance.performanceId },
      at: closeAt,
    });
    progress(`  casting-close answered ${closed.status} in ${round(closed.ms)} ms`);
    await endPhase('close casting', domains.close, closePeople.length, closeStarted);

    const store = (await (await fetch(`${system.stack.urls.ses}/store?since=${since}`)).json()) as {
      emails: { destination: { to: string[] } }[];
    };
    const deliveredByAddress = new Map<string, number>();
    for (const email of store.emails)
      for (const to of email.destination.to) deliveredByAddress.set(to, (deliveredByAddress.get(to) ?? 0) + 1);
    const tally = (domain: string): { delivered: number; lost: number; duplicated: number } => {
      let deliveredCount = 0;
      let lost = 0;
      let duplicated = 0;
      const addresses = new Set(
        [...expectedByAddress.keys(), ...deliveredByAddress.keys()].filter((a) => a.endsWith(`@${domain}`)),
      );
      for (const address of addresses) {
        const owed = expectedByAddress.get(address) ?? 0;
        const got = deliveredByAddress.get(address) ?? 0;
        deliveredCount += got;
        lost += Math.max(0, owed - got);
        duplicated += Math.max(0, got - owed);
      }
      return { delivered: deliveredCount, lost, duplicated };
    };

    const units = (phase: number, fn: string) => phases[phase]?.units[fn];
    const emailsSent = Object.values(delivered).reduce((a, b) => a + b, 0);
    const mailerUnits = phases.reduce((all, p) => addUnits(all, p.units.mailer ?? {}), {} as Units);
    const email = scaled(mailerUnits, emailsSent);
    const status = (code: number) => byStatus[code] ?? 0;
    const signUpUnits = scaled(units(0, 'signup-create'), status(201));
    const withdrawn = Object.entries(withdrawalsByStatus).reduce((n, [c, v]) => n + (c.startsWith('2') ? v : 0), 0);
    const reminder = scaled(units(1, 'reminder-dispatcher'), reminderPeople.length);
    const signUpCeiling = ceiling(capacity, addUnits(signUpUnits, email));
    const reminderCeiling = ceiling(capacity, reminder, 120);
    const reminderBurstCeiling = ceiling(capacity, reminder, 120 + limits.burstSeconds);
    const mailerCeiling = ceiling(capacity, email);
    const attempts = latencies.length;
    return {
      generatedAt: new Date().toISOString(),
      method:
        `Throughput as deployed (table ${limits.table.read}/${limits.table.write}, each index ` +
        `${Object.values(limits.indexes)[0]?.read}/${Object.values(limits.indexes)[0]?.write} R/W a second, ` +
        `${limits.burstSeconds} s burst credit), SES at ${sesRate} emails/s. Sign-ups: ${arrivals} arrivals at ` +
        `${round(options.offeredPerSecond, 2)}/s (5,000 in 10 minutes' rate) for ${options.arrivalSeconds} s ` +
        `instead of 600 s, to fit the 10-minute run; ${performers.length} performers taking turns on one ` +
        'performance (10 slots), each visit after the first withdrawing the active sign-up before signing up again ' +
        '(one active sign-up per performer per performance). Each call is the handler invoked by the local runtime ' +
        'as API Gateway would after the authorizer (no HTTP or Cognito in front: latencies are the function’s, SDK ' +
        'retries included); arrivals keep their schedule whatever the answers (open loop), a performer’s next ' +
        'visit waits for the previous answer. Each phase starts with full burst credit (they are hours or days ' +
        'apart in life). Reminders and the performance to close are seeded straight into the table as the stores ' +
        'write them (stream off). Emails are counted per address at the SES stand-in against what each address ' +
        `is owed (one per 201 sign-up and per withdrawal, reminder, closing; a withdrawal answered with an error is ` +
        'owed its email when the sign-up after it is accepted, since only then it took effect); each phase waits up to ' +
        `${options.waitSeconds} s for its emails under the throttling; then, standing for the hours between ` +
        'phases, the throttling is lifted (and SES’s rate raised) until the local system reports quiet and no ' +
        'message waits out a delay on the email queue (at most 180 s), and then the SES stand-in is counted: "lost" ' +
        'is owed but not delivered by then, and `leftBehind` says where such email would be (still on the email ' +
        'queue, on its dead-letter queue, or on a stream consumer’s failure queue). The reminders go out in ' +
        `the dispatcher’s quarter-hourly runs from 19:00, each starting with full burst credit, at most ` +
        `${options.reminderRuns} runs; what is still due after them counts as lost. Ceilings divide ` +
        'the provisioned units a second by the units measured per operation here (the calls refused on the way ' +
        'included) per table and index.',
      provisioned: limits,
      sesMaxSendRate: sesRate,
      signUps: {
        performers: performers.length,
        arrivals,
        arrivalSeconds: options.arrivalSeconds,
        offeredPerSecond: round(options.offeredPerSecond, 2),
        p50Ms: round(quantile(latencies, 0.5)),
        p99Ms: round(quantile(latencies, 0.99)),
        byStatus,
        status201: status(201),
        status409: status(409),
        status503: status(503),
        otherServerErrors: Object.entries(byStatus).reduce(
          (n, [code, count]) => n + (Number(code) >= 500 && code !== '503' ? count : 0),
          0,
        ),
        share503: round(status(503) / Math.max(1, attempts), 3),
        withdrawalsByStatus,
        failureSamples,
      },
      reminders: {
        due: reminderPeople.length,
        dispatcherRuns: reports.length + dispatcherFailures.length,
        reports,
        dispatcherFailures,
      },
      closeCasting: { signUps: closePeople.length, status: closed.status, ms: round(closed.ms) },
      phases: phases.map((p) => {
        const counted = tally(p.domain);
        return {
          name: p.name,
          peakUnitsPerSecond: p.peak,
          unitsByFunction: Object.fromEntries(Object.entries(p.units).map(([fn, u]) => [fn, scaled(u, 1)])),
          leftBehind: p.leftBehind,
          emails: {
            expected: p.expected,
            ...counted,
            allDeliveredSeconds: p.doneAt === null ? null : round((p.doneAt - p.startedAt) / 1000),
            deliveredWithinWait: p.deliveredWithinWait,
            waitSeconds: options.waitSeconds,
          },
        };
      }),
      perOperation: {
        signUp: signUpUnits,
        withdraw: scaled(units(0, 'signup-withdraw'), withdrawn),
        reminder,
        email,
      },
      ceilings: {
        signUpsPerSecond: round(signUpCeiling.value, 2),
        signUpsBoundBy: signUpCeiling.boundBy,
        remindersPerRun: Math.floor(reminderCeiling.value),
        remindersPerRunWithBurst: Math.floor(reminderBurstCeiling.value),
        remindersBoundBy: reminderCeiling.boundBy,
        emailsPerSecond: round(Math.min(mailerCeiling.value, sesRate), 2),
        emailsBoundBy: mailerCeiling.value < sesRate ? `${mailerCeiling.boundBy} (mailer)` : 'SES send rate',
      },
    };
  } finally {
    stopObserving();
    sesClient().middlewareStack.remove('benchOpenCallEmails');
  }
}

/** What the local stack's queues hold now: a message anywhere but the email queue is one no function will retry. */
async function queuedMessages(system: LocalSystem): Promise<QueuedMessages> {
  const count = async (url: string | undefined, kinds: QueueAttributeName[]) => {
    if (!url) return 0;
    const { Attributes = {} } = await emailQueueClient().send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    return kinds.reduce((n, kind) => n + (Number(Attributes[kind]) || 0), 0);
  };
  const all: QueueAttributeName[] = [
    'ApproximateNumberOfMessages',
    'ApproximateNumberOfMessagesNotVisible',
    'ApproximateNumberOfMessagesDelayed',
  ];
  const { emailQueueUrl, emailDeadLetterQueueUrl, streamFailureQueueUrls } = system.stack.resources;
  const streamFailures: Record<string, number> = {};
  for (const [fn, url] of Object.entries(streamFailureQueueUrls)) streamFailures[fn] = await count(url, all);
  return {
    emailQueue: await count(emailQueueUrl, all),
    emailDeadLetters: await count(emailDeadLetterQueueUrl, all),
    streamFailures,
  };
}

/** Invokes an HTTP function as the local runtime does once its authorizer allowed `caller`; the status, body and ms. */
export async function invokeHttpFunction(
  name: FunctionName,
  caller: Person,
  request: HttpRequest,
): Promise<{ status: number; body: unknown; ms: number }> {
  const definition = functionNamed(name);
  const event = authorizedHttpEvent(name, caller, request);
  const started = performance.now();
  let result: { statusCode: number; body?: string };
  try {
    result = (await invoke(definition, await loadHandler(definition), event)) as typeof result;
  } catch {
    // A failed invocation: API Gateway answers 500 (a timeout 503 in AWS; counted with the failures here).
    result = { statusCode: 500 };
  }
  const ms = performance.now() - started;
  return { status: result.statusCode, body: result.body ? (JSON.parse(result.body) as unknown) : undefined, ms };
}
