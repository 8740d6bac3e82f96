import * as z from 'zod/mini';
import { email } from './common';

export const confirmSignUpRequest = z.strictObject({
  email,
  code: z.string().check(z.trim(), z.regex(/^\d{4,8}$/, 'must be the digits from the email')),
});
export type ConfirmSignUpRequest = z.infer<typeof confirmSignUpRequest>;

export const logInRequest = z.strictObject({ email, password: z.string().check(z.minLength(1), z.maxLength(128)) });
export type LogInRequest = z.infer<typeof logInRequest>;

export const refreshRequest = z.strictObject({ refreshToken: z.string().check(z.minLength(1), z.maxLength(8192)) });

export const tokens = z.object({
  idToken: z.string(),
  accessToken: z.string(),
  refreshToken: z.optional(z.string()),
  expiresIn: z.number().check(z.int()),
});
export type Tokens = z.infer<typeof tokens>;
