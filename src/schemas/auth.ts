import { z } from 'zod';
import { roles } from '../domain/profile';
import { email, password, personName, phone, timeZone } from './common';

export const signUpRequest = z
  .strictObject({
    email,
    password,
    role: z.enum(roles),
    name: personName,
    phone,
    timeZone,
  })
  .describe('A new account. The server assigns the role’s group; the client never edits it afterwards.');
export type SignUpRequest = z.infer<typeof signUpRequest>;

export const confirmSignUpRequest = z.strictObject({
  email,
  code: z
    .string()
    .trim()
    .regex(/^\d{4,8}$/, 'must be the digits from the email'),
});
export type ConfirmSignUpRequest = z.infer<typeof confirmSignUpRequest>;

export const logInRequest = z.strictObject({ email, password: z.string().min(1).max(128) });
export type LogInRequest = z.infer<typeof logInRequest>;

export const refreshRequest = z.strictObject({ refreshToken: z.string().min(1).max(8192) });

export const tokens = z.object({
  idToken: z.string(),
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  expiresIn: z.number().int(),
});
export type Tokens = z.infer<typeof tokens>;
