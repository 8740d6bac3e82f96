import * as z from 'zod/mini';
import { id, personName, singleLine, timeZone } from './common';
import { phone } from './phone';
import { directoryPatchFields, directoryProfileFields } from './directory';
import { photoList } from './photos';

export const credit = z.strictObject({
  title: singleLine(200),
  role: singleLine(100),
  year: z.number().check(z.int(), z.gte(1900), z.lte(2100)),
  company: z.optional(singleLine(200)),
});

export const profilePatch = z
  .strictObject({
    name: z.optional(personName),
    phone: z.optional(phone),
    timeZone: z.optional(timeZone),
    credits: z.optional(z.array(credit).check(z.maxLength(50))).check(z.describe('Self-reported past work.')),
    invitations: z
      .optional(z.boolean())
      .check(z.describe('Performers: whether directors may invite me to audition (on until switched off).')),
    ...directoryPatchFields,
    mainPhotoId: z
      .optional(id)
      .check(z.describe('One of my photos, to make it the main photo (first); the others keep their order.')),
  })
  .check(z.refine((p) => Object.keys(p).length > 0, 'change at least one field'));
export type ProfilePatch = z.infer<typeof profilePatch>;

const performanceRef = z.object({
  performanceId: z.string(),
  title: z.string(),
  character: z.string(),
  lastDate: z.nullable(z.iso.date()).check(z.describe('The day of the last performance, in the venue’s calendar.')),
});

export const profileView = z.object({
  userId: z.string(),
  role: z.enum(['performer', 'director']),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  timeZone: z.string(),
  credits: z.array(credit),
  createdAt: z.string(),
  currentPerformances: z.optional(z.array(performanceRef)),
  pastPerformances: z.optional(z.array(performanceRef)),
  invitations: z
    .optional(z.boolean())
    .check(z.describe('Performers: whether directors may invite them to audition (true unless switched off).')),
  ...directoryProfileFields,
  photos: z.optional(photoList),
});

/** The caller's own profile: with whether their address gets email (SES reported it bounced or complained). */
export const myProfileView = z.extend(profileView, {
  emailDeliverable: z
    .boolean()
    .check(
      z.describe('False once SES reported a permanent bounce or a complaint for the address: no email is sent to it.'),
    ),
  emailUndeliverable: z
    .optional(
      z.object({
        reason: z.enum(['bounce', 'complaint']),
        detail: z
          .string()
          .check(z.describe('SES’s bounce sub-type (e.g. `NoEmail`) or complaint feedback type (e.g. `abuse`).')),
        since: z.string().check(z.describe('When SES reported it.')),
      }),
    )
    .check(z.describe('Why the address gets no email; present only when `emailDeliverable` is false.')),
});
