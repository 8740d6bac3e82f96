/**
 * The API's own zod schemas and types, imported from the server code so that the forms check exactly the rules
 * the API enforces. Everything the web app needs from `src/schemas` comes through this file.
 */
import type * as z from 'zod/mini';
import type { tokens } from '../../../src/schemas/auth';
import type { genders, kinds, performanceView, slotView, voiceTypes } from '../../../src/schemas/performance';
import type { myProfileView, profileView } from '../../../src/schemas/profile';
import type { directoryCard, directoryPage, directoryPerformerView } from '../../../src/schemas/directory';
import type { invitationView } from '../../../src/schemas/invitation';
import type { myPhotos, photoUpload, photoView } from '../../../src/schemas/photos';
import type { searchPage, searchResult } from '../../../src/schemas/search';
import type { ownerSignUpView, signUpsBySlot, signUpView } from '../../../src/schemas/signup';

export { confirmSignUpRequest, logInRequest } from '../../../src/schemas/auth';
export { signUpRequest } from '../../../src/schemas/registration';
export { performanceInput, performanceUpdate } from '../../../src/schemas/performance';
export { profilePatch } from '../../../src/schemas/profile';
export type { ProfilePatch } from '../../../src/schemas/profile';
export { searchQuery } from '../../../src/schemas/search';
export { directoryQuery } from '../../../src/schemas/directory';
export { invitationInput } from '../../../src/schemas/invitation';
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
/** `POST /me/photos`: where and how the browser sends the file (a presigned POST). */
export type PhotoUploadStart = z.output<typeof photoUpload>;
/** `PUT /me/photos/{photoId}`: the profile's photos once one is confirmed. */
export type MyPhotos = z.output<typeof myPhotos>;

/** A photo as the API shows it: a short-lived signed URL (the bucket is private); lists put the main photo first. */
export type PhotoView = z.output<typeof photoView>;
/** A performer as a talent-directory result (GET /performers): what they play and where, no contact details. */
export type DirectoryCard = z.output<typeof directoryCard>;
export type DirectoryPage = z.output<typeof directoryPage>;
/** An invitation to audition as the performer (GET /me/invitations) and its director see it. */
export type InvitationView = z.output<typeof invitationView>;
export type InvitationStatus = InvitationView['status'];
/** A listed performer's directory page (GET /performers/{performerId}). */
export type DirectoryPerformerView = z.output<typeof directoryPerformerView>;
export type SignUpStatus = SignUpView['status'];
/** `{ utc, venue, reader }`: one instant as UTC, the venue's wall clock and the reader's, with offsets. */
export type ZonedInstant = SlotView['startsAt'];

/** The choices the API accepts: the lists its schemas are built from. */
export { genders, kinds, voiceTypes } from '../../../src/schemas/performance';
export type Gender = (typeof genders)[number];
export type VoiceType = (typeof voiceTypes)[number];
export type Kind = (typeof kinds)[number];
