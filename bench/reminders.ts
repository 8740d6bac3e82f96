import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { DateTime } from 'luxon';
import type { LocalSystem } from '../local/system';
import { keys } from '../src/adapters/dynamodb/keys';
import { performanceItem } from '../src/adapters/dynamodb/performance-store';
import { signUpItem } from '../src/adapters/dynamodb/signup-store';
import { signUp } from '../src/domain/sign-up-decisions';
import { sesClient } from '../src/adapters/ses/ses-email-sender';
import { emailQueueClient } from '../src/adapters/sqs/email-queue';
import type { Performance } from '../src/domain/performance';
import type { DispatchReport } from '../src/functions/reminder-dispatcher';
import { bulkWrite } from './bulk-load';
import { setTableStream } from './table-stream';
import type { Consumption } from './capacity';
import type { meterDynamoDb } from './capacity';
import { benchPerformance } from './catalogue';
import { round } from './stats';

export interface ReminderResult {
  readonly reminders: number;
  readonly slots: number;
  readonly performances: number;
  /** The dispatcher run, ms: reading the due index and writing one outbox record per slot. */
  readonly dispatchMs: number;
  readonly dispatcherReport: DispatchReport;
  /** Reminder messages the stream relay put on the email queue (must equal the slots). */
  readonly messages: number;
  readonly sendMessageBatchCalls: number;
  /** From the dispatcher run until the relay had queued every message, ms. */
  readonly queuedMs: number;
  /** Reminder emails the SES stand-in holds, counted in its store. */
  readonly emails: number;
  readonly uniqueRecipients: number;
  readonly duplicates: number;
  readonly missing: number;
  /** From the dispatcher run until the last email was sent, ms (one local mailer, one batch at a time). */
  readonly allSentMs: number;
  readonly emailsPerSecond: number;
  readonly timedOut: boolean;
  readonly consumption: Consumption;
}

const domain = 'reminders.bench.example.com';
const quarterHour = 15 * 60_000;

function slotPerformance(n: number, day: DateTime, slotsPerPerformance: number, capacity: number): Performance {
  const base = benchPerformance(1_000_000 + n, day.toJSDate(), ['bench-reminder-owner']);
  const zone = base.venue.timeZone;
  const first = day.setZone(zone).plus({ days: 1 }).set({ hour: 9, minute: 0 });
  return {
    ...base,
    slots: Array.from({ length: slotsPerPerformance }, (_, i) => ({
      slotId: `rs${n}x${i}`,
      start: first.plus({ minutes: 15 * i }).toFormat("yyyy-MM-dd'T'HH:mm"),
      durationMinutes: 15,
      capacity,
      location: { name: base.venue.name, address: base.venue.address },
    })),
  };
}

/** Waits until `check` holds or `timeoutMs` passes; calls `tick` every 15 s meanwhile. */
async function until(check: () => boolean, timeoutMs: number, tick: () => void): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let nextTick = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) return false;
    if (Date.now() > nextTick) {
      tick();
      nextTick += 15_000;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * 10k reminders due at one quarter hour across 500 slots: writes the performances, the performers' profiles and
 * their sign-ups straight into the table (as the sign-up store writes them), fires the dispatcher as
 * EventBridge would, and follows the reminders through the stream relay, the queue and the mailer to the SES
 * stand-in, counting messages, emails and duplicates.
 */
export async function measureReminders(
  system: LocalSystem,
  meter: ReturnType<typeof meterDynamoDb>,
  progress: (line: string) => void,
  options: { slots: number; perSlot: number; slotsPerPerformance: number; waitMs: number },
): Promise<ReminderResult> {
  const table = system.stack.resources.tableName;
  // Fire at the quarter hour just passed, well clear of the next one, when the local scheduler fires by itself.
  let now = Date.now();
  if (quarterHour - (now % quarterHour) < 45_000) {
    progress('  waiting for the quarter hour to pass, so the scheduler’s own run does not overlap');
    await new Promise((r) => setTimeout(r, quarterHour - (now % quarterHour) + 2_000));
    now = Date.now();
  }
  const instant = new Date(now - (now % quarterHour));
  const day = DateTime.fromJSDate(instant);
  const performanceCount = Math.ceil(options.slots / options.slotsPerPerformance);
  const performances = Array.from({ length: performanceCount }, (_, n) =>
    slotPerformance(n, day, options.slotsPerPerformance, options.perSlot),
  );
  const slots = performances.flatMap((p) => p.slots.map((s) => ({ performanceId: p.performanceId, slotId: s.slotId })));
  const recipients = slots.length * options.perSlot;
  const profiles = Array.from({ length: recipients }, (_, i) => ({
    ...keys.profile(`reminder-${i}`),
    type: 'Profile',
    userId: `reminder-${i}`,
    role: 'performer',
    name: `Performer ${i}`,
    email: `performer-${i}@${domain}`,
    phone: '+442071838750',
    timeZone: i % 2 ? 'Europe/London' : 'America/New_York',
    credits: [],
    createdAt: instant.toISOString(),
  }));
  const at = instant.toISOString();
  // Each performer's sign-up as the product writes it (made two days before), waiting for a reminder due now.
  const signedUpAt = new Date(instant.getTime() - 2 * 24 * 3600_000);
  const reminders = slots
    .map((slot, s) => {
      const performance = performances.find((p) => p.performanceId === slot.performanceId) as Performance;
      return Array.from({ length: options.perSlot }, (_, i) => {
        const profile = profiles[s * options.perSlot + i] as (typeof profiles)[number];
        const request = { signUpId: `rsu-${s}-${i}`, slotId: slot.slotId, characterIds: [] };
        const { signUp: record } = signUp({ performance }, { ...profile, role: 'performer' }, request, signedUpAt);
        return signUpItem({ ...record, reminderAt: at });
      });
    })
    .flat();
  // Written with the stream off, so the relay does not first wade through 10k profile records; then on again.
  await setTableStream(table, false);
  await bulkWrite(table, [...performances.map(performanceItem), ...profiles, ...reminders]);
  await setTableStream(table, true);
  await new Promise((r) => setTimeout(r, 1_000));

  let messages = 0;
  let sendMessageBatchCalls = 0;
  let emails = 0;
  emailQueueClient().middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const input = args.input as SendMessageBatchCommandInput;
      const ours = (input.Entries ?? []).filter(
        (e) => e.MessageBody?.includes(domain) && e.MessageBody.includes('"subject":"Reminder'),
      );
      if (ours.length) sendMessageBatchCalls += 1;
      messages += ours.length;
      return result;
    },
    { step: 'initialize', name: 'benchCountMessages' },
  );
  sesClient().middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const input = args.input as SendEmailCommandInput;
      const to = input.Destination?.ToAddresses ?? [];
      if (to.some((a) => a.endsWith(domain)) && input.Content?.Simple?.Subject?.Data?.startsWith('Reminder'))
        emails += 1;
      return result;
    },
    { step: 'initialize', name: 'benchCountEmails' },
  );
  try {
    meter.reset();
    const since = Math.floor(Date.now() / 1000) - 1;
    const started = performance.now();
    const report = (await system.scheduler.run('reminder-dispatcher', instant)) as DispatchReport;
    const dispatchMs = performance.now() - started;
    progress(
      `  dispatched ${report.sent} reminders for ${report.recipients} performers in ${round(dispatchMs / 1000)} s`,
    );
    const elapsed = () => `${round((performance.now() - started) / 1000)} s`;
    await until(
      () => messages >= slots.length,
      60_000,
      () => progress(`  ${elapsed()}: ${messages} messages queued`),
    );
    const queuedMs = performance.now() - started;
    const done = await until(
      () => emails >= recipients,
      options.waitMs,
      () => progress(`  ${elapsed()}: ${emails} of ${recipients} reminder emails sent`),
    );
    const allSentMs = performance.now() - started;
    // Any late duplicate would land within a moment; then count what the SES stand-in holds.
    await new Promise((r) => setTimeout(r, 2_000));
    const consumption = meter.reset();
    const store = (await (await fetch(`${system.stack.urls.ses}/store?since=${since}`)).json()) as {
      emails: { destination: { to: string[] }; subject: string }[];
    };
    const ours = store.emails.filter(
      (e) => e.subject.startsWith('Reminder') && e.destination.to.some((a) => a.endsWith(domain)),
    );
    const unique = new Set(ours.flatMap((e) => e.destination.to));
    progress(`  ${ours.length} reminder emails in the SES store, ${unique.size} distinct recipients`);
    return {
      reminders: recipients,
      slots: slots.length,
      performances: performances.length,
      dispatchMs: round(dispatchMs),
      dispatcherReport: report,
      messages,
      sendMessageBatchCalls,
      queuedMs: round(queuedMs),
      emails: ours.length,
      uniqueRecipients: unique.size,
      duplicates: ours.reduce((n, e) => n + e.destination.to.length, 0) - unique.size,
      missing: recipients - unique.size,
      allSentMs: round(allSentMs),
      emailsPerSecond: round(emails / (allSentMs / 1000)),
      timedOut: !done,
      consumption,
    };
  } finally {
    emailQueueClient().middlewareStack.remove('benchCountMessages');
    sesClient().middlewareStack.remove('benchCountEmails');
  }
}
