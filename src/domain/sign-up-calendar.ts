import { lastInviteSequence } from './invite-stamp';
import { auditionInviteFor } from './emails/audition-facts';
import type { EmailAttachment } from './email-message';
import type { SignUpRecord } from './signup';
import { activeStatuses, performerReader } from './signup';

/**
 * The .ics of a sign-up as it stands, with the same UID and SEQUENCE as the last invite emailed for it: REQUEST
 * while it holds a place, CANCEL once withdrawn, cancelled or not cast, so importing it updates the entry in place.
 * @example signUpCalendar(record, now).content // 'BEGIN:VCALENDAR…METHOD:REQUEST…'
 */
export function signUpCalendar(record: SignUpRecord, issuedAt: Date): EmailAttachment {
  return auditionInviteFor(
    {
      recipient: performerReader(record),
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
    { signUpId: record.signUpId, sequence: lastInviteSequence(record), issuedAt },
    activeStatuses.includes(record.status) ? 'REQUEST' : 'CANCEL',
  );
}
