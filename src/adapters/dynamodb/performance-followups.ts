import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { NotSignedUpError } from '../../domain/errors';
import type { Notification } from '../../domain/notifications';
import type { Performance } from '../../domain/performance';
import { slotChanges } from '../../domain/performance';
import { searchFacets } from '../../domain/search-terms';
import { slotSnapshot } from '../../domain/snapshots';
import type { SignUpStatus } from '../../domain/signup';
import { finalStatusAtClose, withStatus } from '../../domain/signup';
import { documentClient } from './document-client';
import { keys } from './keys';
import { outboxStep } from './outbox';
import { reminderChangeSteps, withReminderOrNone } from './reminder-store';
import { plannedReminder } from '../../domain/reminder';
import type { InviteStamp } from '../../domain/calendar';
import { nextInvite } from '../../domain/calendar';
import { searchIndexSteps, searchSummary } from './search-index';
import type { SignUpRecord } from './signup-store';
import { aboutSignUp, listSignUpsOfPerformance, performerReader, signUpStatusStep } from './signup-store';
import { maxTransactionItems, transact } from './transactions';

/**
 * Makes the search index match a performance after any change (or removes it once the performance is deleted).
 * Safe to repeat: entries are put and deleted by key.
 */
export async function syncSearchIndex(
  tableName: string,
  before: Performance | undefined,
  after: Performance | undefined,
  now: Date,
): Promise<void> {
  const steps = searchIndexSteps(
    tableName,
    (after ?? before)?.performanceId ?? '',
    before ? searchFacets(before) : [],
    after ? searchSummary(after, now) : undefined,
  );
  for (let i = 0; i < steps.length; i += maxTransactionItems) await transact(steps.slice(i, i + maxTransactionItems));
}

/**
 * Gives one sign-up its next status, with its notification; a sign-up that already moved on is left alone. When
 * the notification sends a calendar invite, it is the sign-up's next one, recorded with the sign-up.
 */
async function settle(
  tableName: string,
  record: SignUpRecord,
  status: SignUpStatus,
  notify: (invite: InviteStamp | undefined) => Notification,
  options: { now: Date; sendsInvite: boolean },
): Promise<void> {
  const { now } = options;
  const invite = options.sendsInvite ? nextInvite(record, now) : undefined;
  const updated: SignUpRecord = { ...record, ...withStatus(record, status, now), ...(invite ? { invite } : {}) };
  try {
    await transact([
      signUpStatusStep(tableName, updated, record.status),
      ...reminderChangeSteps(tableName, record, updated),
      outboxStep(tableName, notify(invite), now),
    ]);
  } catch (error) {
    if (!(error instanceof NotSignedUpError)) throw error;
  }
}

/**
 * What a change to a performance means for its performers, done after the change by the table stream: closed
 * casting gives every open sign-up whose audition had begun "not cast" and cancels the others; deletion and
 * removed slots cancel sign-ups; moved slots send an updated invite. Each sign-up changes in its own transaction
 * with its notification, conditional on its status, so a retried batch neither repeats an email nor misses a
 * performer.
 */
export async function followUpPerformanceChange(
  tableName: string,
  before: Performance & { deletedAt?: string },
  after: Performance & { deletedAt?: string },
  now: Date,
): Promise<void> {
  const deleted = !before.deletedAt && Boolean(after.deletedAt);
  const closed = !before.castingClosed && after.castingClosed;
  const { removed, moved } = slotChanges(before, after);
  if (!deleted && !closed && removed.length === 0 && moved.length === 0) return;

  const signUps = await listSignUpsOfPerformance(tableName, after.performanceId);
  const open = signUps.filter((s) => s.status === 'signed-up');
  const removedIds = new Set(removed.map((s) => s.slotId));
  // Deletion tells everyone still holding a place, cast performers too; other changes concern open sign-ups.
  for (const record of deleted ? signUps.filter((s) => s.status === 'signed-up' || s.status === 'cast') : open) {
    if (deleted || removedIds.has(record.slotId)) {
      const reason = deleted ? 'performance-deleted' : 'slot-removed';
      await settle(
        tableName,
        record,
        'cancelled',
        (invite) => ({ kind: 'cancellation', reason, ...aboutSignUp(record), to: performerReader(record), invite }),
        { now, sendsInvite: true },
      );
    } else if (closed) {
      // Whether the audition had begun is judged at the moment casting closed, not when the stream gets to it.
      const final = finalStatusAtClose(record, new Date(after.updatedAt));
      await settle(
        tableName,
        record,
        final,
        (invite): Notification =>
          final === 'not-cast'
            ? { kind: 'not-cast', ...aboutSignUp(record), to: performerReader(record) }
            : {
                kind: 'cancellation',
                reason: 'casting-closed',
                ...aboutSignUp(record),
                to: performerReader(record),
                invite,
              },
        { now, sendsInvite: final === 'cancelled' },
      );
    }
  }
  if (deleted || closed) return;
  for (const change of moved) {
    for (const record of open.filter((s) => s.slotId === change.after.slotId)) {
      const reminderAt = plannedReminder({
        slotStart: change.after.start,
        venueTimeZone: after.venue.timeZone,
        performerTimeZone: record.performer.timeZone,
        signedUpAt: now,
      })?.toISOString();
      await moveSignUp(tableName, record, slotSnapshot(change.after, after.venue.timeZone), reminderAt, now);
    }
  }
  for (const slot of removed) {
    await documentClient().send(
      new DeleteCommand({ TableName: tableName, Key: keys.slotCount(after.performanceId, slot.slotId) }),
    );
  }
}

async function moveSignUp(
  tableName: string,
  record: SignUpRecord,
  slot: SignUpRecord['slot'],
  reminderAt: string | undefined,
  now: Date,
) {
  const unchanged =
    record.slot.startsAt === slot.startsAt &&
    record.slot.durationMinutes === slot.durationMinutes &&
    record.slot.location.address === slot.location.address;
  if (unchanged) return; // a repeated stream batch: this sign-up was moved already
  const invite = nextInvite(record, now);
  const updated: SignUpRecord = { ...record, slot, reminderAt, invite, updatedAt: now.toISOString() };
  try {
    await withReminderOrNone(updated, (change) =>
      transact([
        signUpStatusStep(tableName, change),
        ...reminderChangeSteps(tableName, record, change),
        outboxStep(
          tableName,
          {
            kind: 'slot-moved',
            ...aboutSignUp(change),
            previousSlot: record.slot,
            to: performerReader(record),
            invite,
          },
          now,
        ),
      ]),
    );
  } catch (error) {
    if (!(error instanceof NotSignedUpError)) throw error;
  }
}
