import { z } from 'zod';
import { personName, phone, singleLine, timeZone } from './common';

export const credit = z.strictObject({
  title: singleLine(200),
  role: singleLine(100),
  year: z.number().int().min(1900).max(2100),
  company: singleLine(200).optional(),
});

export const profilePatch = z
  .strictObject({
    name: personName.optional(),
    phone: phone.optional(),
    timeZone: timeZone.optional(),
    credits: z.array(credit).max(50).optional().describe('Self-reported past work.'),
  })
  .refine((p) => Object.keys(p).length > 0, 'change at least one field');
export type ProfilePatch = z.infer<typeof profilePatch>;

const performanceRef = z.object({
  performanceId: z.string(),
  title: z.string(),
  character: z.string(),
  lastDate: z.iso.date().nullable().describe('The day of the last performance, in the venue’s calendar.'),
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
  currentPerformances: z.array(performanceRef).optional(),
  pastPerformances: z.array(performanceRef).optional(),
});

/** The caller's own profile: with whether their address gets email (SES reported it bounced or complained). */
export const myProfileView = profileView.extend({
  emailDeliverable: z
    .boolean()
    .describe('False once SES reported a permanent bounce or a complaint for the address: no email is sent to it.'),
  emailUndeliverable: z
    .object({
      reason: z.enum(['bounce', 'complaint']),
      detail: z.string().describe('SES’s bounce sub-type (e.g. `NoEmail`) or complaint feedback type (e.g. `abuse`).'),
      since: z.string().describe('When SES reported it.'),
    })
    .optional()
    .describe('Why the address gets no email; present only when `emailDeliverable` is false.'),
});
