import * as z from 'zod/mini';
import { roles } from '../domain/profile';
import { email, password, personName, timeZone } from './common';
import { phone } from './phone';

// Apart from the other auth requests: only sign-up reads a phone, so only its function carries the phone metadata.

export const signUpRequest = z
  .strictObject({
    email,
    password,
    role: z.enum(roles),
    name: personName,
    phone,
    timeZone,
  })
  .check(z.describe('A new account. The server assigns the role’s group; the client never edits it afterwards.'));
export type SignUpRequest = z.infer<typeof signUpRequest>;
