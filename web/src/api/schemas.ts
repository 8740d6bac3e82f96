/**
 * The API's own zod schemas and types, imported from the server code so that the forms check exactly the rules
 * the API enforces. Everything the web app needs from `src/schemas` comes through this file.
 */
import type { z } from 'zod';
import type { tokens } from '../../../src/schemas/auth';
import type { performanceView, slotView } from '../../../src/schemas/performance';
import { characterAttributes, performanceInput } from '../../../src/schemas/performance';
import type { myProfileView, profileView } from '../../../src/schemas/profile';
import type { searchPage, searchResult } from '../../../src/schemas/search';
import type { ownerSignUpView, signUpsBySlot, signUpView } from '../../../src/schemas/signup';

export { confirmSignUpRequest, logInRequest, signUpRequest } from '../../../src/schemas/auth';
export { performanceInput, performanceUpdate } from '../../../src/schemas/performance';
export { profilePatch } from '../../../src/schemas/profile';
export { searchQuery } from '../../../src/schemas/search';
export { castingInput, signUpInput } from '../../../src/schemas/signup';
export { roles } from '../../../src/domain/profile';
export type { Role } from '../../../src/domain/profile';

export type PerformanceView = z.output<typeof performanceView>;
export type SlotView = z.output<typeof slotView>;
export type ProfileView = z.output<typeof profileView>;
/** The caller's own profile (GET /me), with whether their address gets email. */
export type MyProfileView = z.output<typeof myProfileView>;
export type SearchPage = z.output<typeof searchPage>;
export type SearchResult = z.output<typeof searchResult>;
export type SignUpView = z.output<typeof signUpView>;
export type OwnerSignUpView = z.output<typeof ownerSignUpView>;
export type SignUpsBySlot = z.output<typeof signUpsBySlot>;
export type Tokens = z.output<typeof tokens>;
export type SignUpStatus = SignUpView['status'];
/** `{ utc, venue, reader }`: one instant as UTC, the venue's wall clock and the reader's, with offsets. */
export type ZonedInstant = SlotView['startsAt'];

/** The choices the API accepts, read from its schemas. */
export const genders = characterAttributes.shape.gender.unwrap().options;
export const voiceTypes = characterAttributes.shape.voiceType.unwrap().options;
export const kinds = performanceInput.shape.kind.options;
export type Gender = (typeof genders)[number];
export type VoiceType = (typeof voiceTypes)[number];
export type Kind = (typeof kinds)[number];
