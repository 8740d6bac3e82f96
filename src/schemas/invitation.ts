import * as z from 'zod/mini';
import { id, multiLine } from './common';

const described = <T extends z.ZodMiniType>(schema: T, text: string) => schema.check(z.describe(text));

/** `POST /performances/{performanceId}/invitations`: whom to invite, for which slot, with what words. */
export const invitationInput = z.strictObject({
  performerId: described(id, 'A performer listed in the talent directory (`performerId` of a directory result).'),
  slotId: described(z.optional(id), 'The audition slot to suggest; the performer may still choose another.'),
  message: described(
    z.optional(multiLine(1000)),
    'A note to the performer, shown in the email (at most 1000 characters).',
  ),
});

/** The path of one of my invitations: `<performanceId>_<performerId>`. */
export const invitationParams = z.strictObject({
  invitationId: described(
    z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}_[A-Za-z0-9_-]{1,64}$/, 'must be an invitation id')),
    'An invitation id, as `invitationId` in an invitation.',
  ),
});

/** `PUT /me/invitations/{invitationId}`: what the performer did with it. */
export const invitationStatusInput = z.strictObject({
  status: described(
    z.enum(['opened', 'declined']),
    'Statuses only move forward (sent → opened → declined): opening a declined invitation leaves it declined.',
  ),
});

const zoned = z.object({ utc: z.string(), venue: z.string(), reader: z.string() });

export const invitationView = z.object({
  invitationId: z.string(),
  performanceId: z.string(),
  performerId: z.string(),
  performerName: z.string(),
  title: z.string(),
  venue: z.object({
    name: z.string(),
    address: z.string(),
    city: z.string(),
    country: z.string(),
    timeZone: z.string(),
  }),
  director: described(z.object({ name: z.string() }), 'Who invited: the performance’s director.'),
  slot: described(
    z.nullable(
      z.object({
        slotId: z.string(),
        startsAt: zoned,
        durationMinutes: z.number(),
        location: z.object({ name: z.string(), address: z.string() }),
      }),
    ),
    'The suggested audition slot (times in UTC, the venue’s zone and mine), or null for any slot.',
  ),
  message: z.optional(z.string()),
  status: described(
    z.enum(['sent', 'opened', 'signed-up', 'declined', 'closed', 'withdrawn']),
    '`withdrawn` once the performance is deleted (there is nothing to sign up for); `signed-up` while the performer ' +
      'holds an active sign-up for the performance; `closed` once casting closed before they answered (it can no ' +
      'longer be taken up); otherwise what they did with it (`sent`, `opened`, `declined`).',
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const invitationList = z.object({ invitations: z.array(invitationView) });
