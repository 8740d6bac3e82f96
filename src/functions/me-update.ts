import { replanReminders } from '../adapters/dynamodb/signup-store';
import { NotFoundError } from '../domain/errors';
import { plannedReminder } from '../domain/reminder';
import { slotStartAtVenue } from '../domain/snapshots';
import { profiles, tableName } from './context';
import { protectedRoute } from './http/handler';

/**
 * Changes the caller's name, phone, time zone or credits (email and role are not editable). A performer who
 * moves to another zone gets every planned reminder re-planned for 19:00 in the new zone.
 */
export const handler = protectedRoute('me-update', async ({ body, receivedAt }, caller) => {
  const before = await profiles().get(caller.userId);
  const updated = await profiles().update(caller.userId, body);
  if (!before || !updated) throw new NotFoundError('No profile exists for this account.');
  if (updated.role === 'performer' && updated.timeZone !== before.timeZone) {
    await replanReminders(tableName(), caller.userId, updated.timeZone, receivedAt, (record) =>
      plannedReminder({
        slotStart: slotStartAtVenue(record.slot, record.performance.venue.timeZone),
        venueTimeZone: record.performance.venue.timeZone,
        performerTimeZone: updated.timeZone,
        signedUpAt: receivedAt,
      })?.toISOString(),
    );
  }
  return { body: updated };
});
