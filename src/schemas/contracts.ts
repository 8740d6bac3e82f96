import * as z from 'zod/mini';
import type { DomainErrorCode } from '../domain/errors';
import type { FunctionName } from '../manifest';
import { confirmSignUpRequest, logInRequest, refreshRequest, tokens } from './auth';
import { performanceInput, performanceParams, performanceUpdate, performanceView } from './performance';
import { invitationInput, invitationList, invitationParams, invitationStatusInput, invitationView } from './invitation';
import { directoryPage, directoryPerformerParams, directoryPerformerView, directoryQuery } from './directory';
import { myProfileView, profilePatch, profileView } from './profile';
import { signUpRequest } from './registration';
import { searchPage, searchQuery } from './search';
import { performerParams } from './params';
import { myPhotos, photoParams, photoUpload, photoUploadRequest } from './photos';
import { castingInput, signUpInput, signUpsBySlot, signUpView } from './signup';

export interface Contract {
  readonly summary: string;
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly params?: z.ZodMiniType;
  readonly response: {
    readonly status: number;
    readonly schema?: z.ZodMiniType;
    /** The media type of a body that is not JSON, e.g. `text/calendar`. */
    readonly mediaType?: string;
    readonly description: string;
  };
  /** The problem codes this route can answer besides validation and authentication. */
  readonly errors?: readonly DomainErrorCode[];
}

const signUpResult = z.object({ email: z.string(), next: z.string() });

/**
 * The request and response schemas of every HTTP function: the handlers validate with them and the OpenAPI
 * document is generated from them, so the two cannot disagree.
 */
export const contracts = {
  'openapi-get': { summary: 'This API’s OpenAPI 3.1 document', response: { status: 200, description: 'The document' } },
  'auth-signup': {
    summary:
      'Create an account; the server assigns the role’s group and emails a confirmation code. An address that ' +
      'already has an account gets the same answer, and its owner an email (a fresh code while unconfirmed)',
    body: signUpRequest,
    response: { status: 201, schema: signUpResult, description: 'Accepted; confirm the emailed code next' },
    errors: ['service-unavailable'],
  },
  'auth-confirm': {
    summary: 'Confirm the emailed sign-up code',
    body: confirmSignUpRequest,
    response: { status: 204, description: 'Confirmed' },
    errors: ['invalid-confirmation-code'],
  },
  'auth-login': {
    summary: 'Log in with email and password; send the ID token as `Authorization: Bearer …`',
    body: logInRequest,
    response: { status: 200, schema: tokens, description: 'Tokens' },
    errors: ['invalid-credentials', 'user-not-confirmed', 'too-many-requests'],
  },
  'auth-refresh': {
    summary: 'New ID and access tokens for a refresh token from log-in (sessions last longer than an hour)',
    body: refreshRequest,
    response: { status: 200, schema: tokens, description: 'Tokens (the refresh token stays the same)' },
    errors: ['invalid-credentials'],
  },
  'me-get': {
    summary: 'My profile (performers: with current and past performances)',
    response: { status: 200, schema: myProfileView, description: 'The profile' },
  },
  'me-update': {
    summary:
      'Change my name, phone, time zone or credits; performers also their directory profile, `listed` and ' +
      'their main photo (`mainPhotoId`)',
    body: profilePatch,
    response: { status: 200, schema: myProfileView, description: 'The profile as changed' },
    errors: ['not-found', 'version-conflict'],
  },
  'photo-create': {
    summary:
      'Start a photo upload (performers): a presigned POST for one JPEG, PNG or WebP file of at most the given ' +
      'size, good for 10 minutes; then `PUT /me/photos/{photoId}` confirms it',
    body: photoUploadRequest,
    response: { status: 201, schema: photoUpload, description: 'The upload form' },
    errors: ['photo-limit'],
  },
  'photo-confirm': {
    summary: 'Add an uploaded photo to my profile (after the last of the others; the first is the main photo)',
    params: photoParams,
    response: { status: 200, schema: myPhotos, description: 'My photos now' },
    errors: ['not-found', 'photo-limit'],
  },
  'photo-delete': {
    summary: 'Remove one of my photos (the next one becomes the main photo if it was)',
    params: photoParams,
    response: { status: 204, description: 'Removed' },
    errors: ['not-found'],
  },
  'performance-create': {
    summary: 'Post a performance (directors)',
    body: performanceInput,
    response: { status: 201, schema: performanceView, description: 'Created' },
    errors: ['nonexistent-local-time'],
  },
  'performance-search': {
    summary: 'Search performances, by default those with open auditions, next audition first',
    query: searchQuery,
    response: { status: 200, schema: searchPage, description: 'One page of results' },
    errors: ['invalid-cursor'],
  },
  'performance-get': {
    summary: 'A performance with its characters, dates and slots (times in the venue’s zone and mine)',
    params: performanceParams,
    response: { status: 200, schema: performanceView, description: 'The performance' },
    errors: ['not-found'],
  },
  'performance-update': {
    summary: 'Replace a performance I own; removed or moved slots notify their performers',
    params: performanceParams,
    body: performanceUpdate,
    response: { status: 200, schema: performanceView, description: 'The performance as changed' },
    errors: ['not-found', 'version-conflict', 'in-use', 'invalid-reference', 'nonexistent-local-time'],
  },
  'performance-delete': {
    summary: 'Delete a performance I own; every performer signed up is told and their reminders cancelled',
    params: performanceParams,
    response: { status: 204, description: 'Deleted' },
    errors: ['not-found'],
  },
  'my-performances': {
    summary: 'The performances I own',
    response: { status: 200, schema: z.object({ performances: z.array(performanceView) }), description: 'Mine' },
  },
  'signup-create': {
    summary: 'Sign up to audition: one slot, one or more characters',
    params: performanceParams,
    body: signUpInput,
    response: { status: 201, schema: signUpView, description: 'Signed up' },
    errors: ['not-found', 'slot-full', 'already-signed-up', 'casting-closed', 'audition-started', 'invalid-reference'],
  },
  'signup-withdraw': {
    summary: 'Withdraw my sign-up (frees the place)',
    params: performanceParams,
    response: { status: 200, schema: signUpView, description: 'Withdrawn' },
    errors: ['not-signed-up'],
  },
  'my-signups': {
    summary: 'My auditions, with status and planned reminder, times in my zone and the venue’s',
    response: { status: 200, schema: z.object({ signUps: z.array(signUpView) }), description: 'Mine' },
  },
  'signup-calendar': {
    summary: 'The calendar invite (.ics) of my audition: a cancellation once it no longer happens',
    params: performanceParams,
    response: { status: 200, mediaType: 'text/calendar', description: 'An iCalendar file (RFC 5545)' },
    errors: ['not-found'],
  },
  'signups-list': {
    summary: 'Who signed up, per slot, with contact details and access needs (owners)',
    params: performanceParams,
    response: { status: 200, schema: signUpsBySlot, description: 'Sign-ups per slot' },
    errors: ['not-found'],
  },
  'performer-profile-get': {
    summary: 'The profile of a performer who signed up to my performance',
    params: performerParams,
    response: { status: 200, schema: profileView, description: 'The profile' },
    errors: ['not-found'],
  },
  'performer-directory': {
    summary:
      'Search the talent directory (directors): listed performers by playing age, gender category, voice type, ' +
      'skills, languages, union, city and words of name and bio, in name order; never contact details',
    query: directoryQuery,
    response: { status: 200, schema: directoryPage, description: 'One page of performers' },
    errors: ['invalid-cursor'],
  },
  'performer-directory-get': {
    summary: 'A listed performer’s directory page (directors): attributes, bio, links, credits; no contact details',
    params: directoryPerformerParams,
    response: { status: 200, schema: directoryPerformerView, description: 'The performer' },
    errors: ['not-found'],
  },
  'invitation-create': {
    summary:
      'Invite a performer listed in the talent directory to audition for my performance (optionally for one slot, ' +
      'with a message): they get an email with a link to sign up. One invitation per performer and performance, ' +
      'at most 20 a day per director',
    params: performanceParams,
    body: invitationInput,
    response: { status: 201, schema: invitationView, description: 'Invited; the email is on its way' },
    errors: [
      'not-found',
      'performer-not-found',
      'already-invited',
      'invitations-off',
      'invitation-limit',
      'casting-closed',
      'audition-started',
      'invalid-reference',
    ],
  },
  'invitations-list': {
    summary: 'The invitations to my performance, each with its status: sent, opened, signed-up or declined',
    params: performanceParams,
    response: { status: 200, schema: invitationList, description: 'Oldest first' },
    errors: ['not-found'],
  },
  'my-invitations': {
    summary: 'My invitations to audition, newest first: the performance, venue, suggested slot and status',
    response: { status: 200, schema: invitationList, description: 'Newest first (at most 100)' },
  },
  'my-invitation-update': {
    summary: 'Mark my invitation opened or declined',
    params: invitationParams,
    body: invitationStatusInput,
    response: { status: 200, schema: invitationView, description: 'The invitation as it is now' },
    errors: ['not-found'],
  },
  'casting-create': {
    summary: 'Cast a performer whose audition has begun into a character',
    params: performanceParams,
    body: castingInput,
    response: { status: 200, schema: signUpView, description: 'Cast' },
    errors: [
      'not-found',
      'casting-closed',
      'character-full',
      'audition-not-started',
      'not-signed-up',
      'invalid-reference',
    ],
  },
  'casting-undo': {
    summary: 'Undo the casting of a performer (until casting closes): they are signed up again and told by email',
    params: performerParams,
    response: { status: 200, schema: signUpView, description: 'Back to signed up' },
    errors: ['not-found', 'casting-closed', 'not-cast', 'invalid-reference'],
  },
  'casting-close': {
    summary:
      'Close casting: those who auditioned and were not cast get “not cast”; sign-ups whose audition is ahead are cancelled; each is emailed',
    params: performanceParams,
    response: { status: 202, schema: z.object({ castingClosed: z.boolean() }), description: 'Closing' },
    errors: ['not-found'],
  },
} as const satisfies Partial<Record<FunctionName, Contract>>;

export type RouteName = keyof typeof contracts;
