import { z } from 'zod';
import { multiLine } from './common';
import { id } from './performance';

export const signUpInput = z.strictObject({
  slotId: id,
  characterIds: z.array(id).min(1).max(10).describe('The characters you want to audition for.'),
  accessNeeds: multiLine(1000).optional().describe('Private: only the performance’s owners can read it.'),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const castingInput = z.strictObject({ performerId: id, characterId: id });

export const performerParams = z.strictObject({ performanceId: id, performerId: id });

const zoned = z.object({ utc: z.string(), venue: z.string(), reader: z.string() });

export const signUpView = z.object({
  performanceId: z.string(),
  performerId: z.string(),
  signUpId: z.string(),
  title: z.string(),
  venue: z.object({
    name: z.string(),
    address: z.string(),
    city: z.string(),
    country: z.string(),
    timeZone: z.string(),
  }),
  slot: z.object({
    slotId: z.string(),
    startsAt: zoned,
    durationMinutes: z.number(),
    location: z.object({ name: z.string(), address: z.string() }),
  }),
  characters: z.array(z.object({ characterId: z.string(), name: z.string() })),
  status: z.enum(['signed-up', 'withdrawn', 'cast', 'not-cast', 'cancelled']),
  castAs: z.string().optional().describe('The id of the character the performer was cast as.'),
  castAsName: z.string().optional(),
  history: z.array(z.object({ status: z.string(), at: z.string() })),
  reminder: zoned.optional().describe('When the evening-before reminder will be sent, if one is planned.'),
  accessNeeds: z.string().optional(),
  createdAt: z.string(),
});
export type SignUpView = z.infer<typeof signUpView>;

export const ownerSignUpView = signUpView.extend({
  performer: z.object({ name: z.string(), email: z.string(), phone: z.string(), timeZone: z.string() }),
});

export const signUpsBySlot = z.object({
  slots: z.array(
    z.object({ slotId: z.string(), start: z.string(), capacity: z.number(), signUps: z.array(ownerSignUpView) }),
  ),
});
