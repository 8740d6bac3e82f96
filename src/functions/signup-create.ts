import { randomUUID } from 'node:crypto';
import { readPerformance } from '../adapters/dynamodb/performance-store';
import type { SignUpRecord } from '../adapters/dynamodb/signup-store';
import { recordSignUp } from '../adapters/dynamodb/signup-store';
import type { Notification } from '../domain/notifications';
import { castingTeam, performanceSnapshot, slotSnapshot } from '../domain/snapshots';
import { slotForSignUp } from '../domain/signup';
import { plannedReminder } from '../domain/reminder';
import { firstInvite } from '../domain/calendar';
import { reminderChangeSteps, withReminderOrNone } from '../adapters/dynamodb/reminder-store';
import { callerProfile, profiles, retryOnVersionConflict, tableName } from './context';
import { protectedRoute } from './http/handler';
import { signUpView } from './views';

export const handler = protectedRoute('signup-create', async ({ params, body, receivedAt: now }, caller) => {
  const table = tableName();
  const performer = await callerProfile(caller);
  const record = await retryOnVersionConflict(async () => {
    const { performance } = await readPerformance(table, params.performanceId);
    const slot = slotForSignUp(performance, body, now);
    const characterIds = [...new Set(body.characterIds)];
    const snapshot = performanceSnapshot(performance);
    const slotView = slotSnapshot(slot, performance.venue.timeZone);
    const characterNames = characterIds.map(
      (id) => performance.characters.find((c) => c.characterId === id)?.name ?? '',
    );
    const at = now.toISOString();
    const reminderAt = plannedReminder({
      slotStart: slot.start,
      venueTimeZone: performance.venue.timeZone,
      performerTimeZone: performer.timeZone,
      signedUpAt: now,
    })?.toISOString();
    const record: SignUpRecord = {
      performanceId: performance.performanceId,
      performerId: performer.userId,
      signUpId: randomUUID(),
      slotId: slot.slotId,
      characterIds,
      accessNeeds: body.accessNeeds || undefined,
      status: 'signed-up',
      reminderAt,
      invite: firstInvite(now),
      history: [{ status: 'signed-up', at }],
      createdAt: at,
      updatedAt: at,
      performance: snapshot,
      slot: slotView,
      characterNames,
      performer: { name: performer.name, email: performer.email, phone: performer.phone, timeZone: performer.timeZone },
    };
    const about = { performance: snapshot, slot: slotView, signUpId: record.signUpId, characters: characterNames };
    const owner = await profiles().get(performance.ownerId);
    const notifications = (saved: SignUpRecord): Notification[] => [
      {
        kind: 'signup-received',
        ...about,
        to: castingTeam(performance, owner?.timeZone),
        performer: saved.performer,
      },
      {
        kind: 'signup-confirmation',
        ...about,
        reminderAt: saved.reminderAt,
        invite: saved.invite,
        to: { name: performer.name, email: performer.email, timeZone: performer.timeZone },
      },
    ];
    return withReminderOrNone(record, (saved) =>
      recordSignUp(
        table,
        {
          performance,
          record: saved,
          capacity: slot.capacity,
          extraSteps: reminderChangeSteps(table, undefined, saved),
        },
        notifications(saved),
        now,
      ),
    );
  });
  return { status: 201, body: signUpView(record, performer.timeZone) };
});
