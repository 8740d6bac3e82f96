import { readSignUp } from '../adapters/dynamodb/signup-store';
import { auditionInviteFor } from '../domain/emails/audition-facts';
import { lastInviteSequence } from '../domain/calendar';
import { tableName } from './context';
import { protectedRoute } from './http/handler';

/**
 * The .ics of one of my auditions, with the same UID as the invites emailed for it: REQUEST while it stands,
 * CANCEL once withdrawn, cancelled or not cast, so importing it updates the calendar entry in place.
 */
export const handler = protectedRoute('signup-calendar', async ({ params, receivedAt }, caller) => {
  const record = await readSignUp(tableName(), params.performanceId, caller.userId);
  const stands = record.status === 'signed-up' || record.status === 'cast';
  const attachment = auditionInviteFor(
    {
      recipient: { name: record.performer.name, email: record.performer.email, timeZone: record.performer.timeZone },
      performance: {
        title: record.performance.title,
        venue: record.performance.venue,
        director: record.performance.director,
      },
      slot: {
        start: new Date(record.slot.startsAt),
        durationMinutes: record.slot.durationMinutes,
        location: record.slot.location,
      },
      characters: record.characterNames,
    },
    { signUpId: record.signUpId, sequence: lastInviteSequence(record), issuedAt: receivedAt },
    stands ? 'REQUEST' : 'CANCEL',
  );
  return {
    text: attachment.content,
    headers: {
      'content-type': attachment.contentType,
      'content-disposition': `attachment; filename="audition-${record.performanceId}.ics"`,
    },
  };
});
