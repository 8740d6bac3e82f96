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
