import * as z from 'zod/mini';
import { id, multiLine } from './common';

export { performerParams } from './params';

export const signUpInput = z.strictObject({
  slotId: id,
  characterIds: z
    .array(id)
    .check(z.minLength(1), z.maxLength(10), z.describe('The characters you want to audition for.')),
  accessNeeds: z.optional(multiLine(1000)).check(z.describe('Private: only the performance’s owners can read it.')),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const castingInput = z.strictObject({ performerId: id, characterId: id });

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
  castAs: z.optional(z.string()).check(z.describe('The id of the character the performer was cast as.')),
  castAsName: z.optional(z.string()),
  history: z.array(z.object({ status: z.string(), at: z.string() })),
  reminder: z.optional(zoned).check(z.describe('When the evening-before reminder will be sent, if one is planned.')),
  accessNeeds: z.optional(z.string()),
  createdAt: z.string(),
});
export type SignUpView = z.infer<typeof signUpView>;

export const ownerSignUpView = z.extend(signUpView, {
  performer: z.object({ name: z.string(), email: z.string(), phone: z.string(), timeZone: z.string() }),
});

export const signUpsBySlot = z.object({
  slots: z.array(
    z.object({ slotId: z.string(), start: z.string(), capacity: z.number(), signUps: z.array(ownerSignUpView) }),
  ),
});
