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
  const updated = await profiles().update(caller.userId, body);
  if (!updated) throw new NotFoundError('No profile exists for this account.');
  // Re-plans every open sign-up still planned for another zone, so repeating the request finishes the job if an
  // earlier one stopped part-way.
  if (updated.role === 'performer' && body.timeZone !== undefined) {
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
