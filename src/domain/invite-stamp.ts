// The version of each sign-up's calendar event, in a module of its own: the routes that change a sign-up stamp its
// next invite without rendering one, so they do not bundle the iCalendar library (calendar.ts) with its validator.

/**
 * The version of a sign-up's calendar event that was last sent, kept with the sign-up: its SEQUENCE, and its
 * DTSTAMP (ISO), the moment of the change the invite tells of.
 */
export interface InviteStamp {
  readonly sequence: number;
  readonly issuedAt: string;
}

/**
 * The first invite of a new sign-up (its confirmation): SEQUENCE 0.
 * @example firstInvite(now) // { sequence: 0, issuedAt: '2027-03-01T10:00:00.000Z' }
 */
export function firstInvite(at: Date): InviteStamp {
  return { sequence: 0, issuedAt: at.toISOString() };
}

/**
 * Sign-ups written before their invite was kept with them sent a SEQUENCE derived from the time; their next
 * invite continues above any such number.
 */
const timeDerivedSequence = (at: Date) => Math.max(1, Math.floor(at.getTime() / 1000) - 1_700_000_000);

/**
 * The next invite of a sign-up, one SEQUENCE above the last one it sent, stamped `at` (the moment of the change:
 * the clock of the write that makes it). Every later invite — a moved slot, a withdrawal, a cancellation — takes
 * its stamp from here and is stored with the sign-up in the same write, so two changes, however close together,
 * can always be ordered by a calendar.
 *
 * @example nextInvite({ invite: { sequence: 1, issuedAt } }, now) // { sequence: 2, issuedAt: now.toISOString() }
 */
export function nextInvite(signUp: { readonly invite?: InviteStamp }, at: Date): InviteStamp {
  const sequence = signUp.invite ? signUp.invite.sequence + 1 : timeDerivedSequence(at);
  return { sequence, issuedAt: at.toISOString() };
}

/** The SEQUENCE of the invite a sign-up last sent (for one written before invites were kept: the time-derived one). */
export function lastInviteSequence(signUp: {
  readonly invite?: InviteStamp;
  readonly updatedAt: string;
  readonly createdAt: string;
}): number {
  if (signUp.invite) return signUp.invite.sequence;
  return signUp.updatedAt === signUp.createdAt ? 0 : timeDerivedSequence(new Date(signUp.updatedAt));
}
