import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DomainError, DomainErrorCode, FieldIssue } from '../../domain/errors';
import {
  InvitationLimitError,
  NonexistentLocalTimeError,
  ServiceUnavailableError,
  TooManyRequestsError,
  ValidationError,
} from '../../domain/errors';
import type { TransportErrorCode } from './errors';

/** Every code the API answers with: the domain's and the HTTP transport's. */
export type ErrorCode = DomainErrorCode | TransportErrorCode;

/** Every error code, its HTTP status and its title: the one table of the API's problem types. */
export const problemTypes: Record<ErrorCode | 'internal', { status: number; title: string }> = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The body is not valid JSON' },
  'unsupported-media-type': { status: 400, title: 'The body must be application/json' },
  'payload-too-large': { status: 413, title: 'The body is too large' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'email-taken': { status: 409, title: 'An account with this email exists' },
  'invalid-credentials': { status: 401, title: 'The email or password is wrong' },
  'invalid-confirmation-code': { status: 400, title: 'The confirmation code is wrong or has expired' },
  'user-not-confirmed': { status: 403, title: 'The email address is not confirmed yet' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'service-unavailable': { status: 503, title: 'Busy; try again shortly' },
  'version-conflict': { status: 409, title: 'Changed since you read it; reload and try again' },
  'slot-full': { status: 409, title: 'The audition slot is full' },
  'already-signed-up': { status: 409, title: 'You are already signed up for this performance' },
  'not-signed-up': { status: 409, title: 'You are not signed up for this performance' },
  'casting-closed': { status: 409, title: 'Casting is closed' },
  'character-full': { status: 409, title: 'The character has all the performers it takes' },
  'audition-not-started': { status: 409, title: 'The audition has not happened yet' },
  'audition-started': { status: 409, title: 'The audition has already started' },
  'in-use': { status: 409, title: 'Still in use' },
  'invalid-reference': { status: 400, title: 'Unknown slot, character or performer' },
  'invalid-cursor': { status: 400, title: 'The cursor is not one this search gave; start the search again' },
  'nesting-too-deep': { status: 400, title: 'The body nests too deeply' },
  'nonexistent-local-time': { status: 400, title: 'That local time does not exist there' },
  'not-cast': { status: 409, title: 'The performer is not cast' },
  'performer-not-found': { status: 404, title: 'No such performer in the directory' },
  'already-invited': { status: 409, title: 'The performer is already invited to this performance' },
  'invitations-off': { status: 409, title: 'The performer does not take invitations' },
  'invitation-limit': { status: 429, title: 'No more invitations today' },
  'photo-limit': { status: 409, title: 'The profile has as many photos as it can hold' },
  internal: { status: 500, title: 'Something went wrong on our side' },
};

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode | 'internal';
  readonly detail: string;
  readonly errors?: readonly FieldIssue[];
  readonly requestId?: string;
}

/** The RFC 9457 problem for a code; `type` is a stable relative URI per code. */
export function problem(code: ErrorCode | 'internal', detail: string, extra: Partial<Problem> = {}): Problem {
  const { status, title } = problemTypes[code];
  return { type: `/problems/${code}`, title, status, code, detail, ...extra };
}

export function problemResponse(
  body: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: body.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** The response for a domain error: its problem, and Retry-After where the caller should come back later. */
export function domainErrorResponse(
  error: DomainError<ErrorCode>,
  requestId?: string,
): APIGatewayProxyStructuredResultV2 {
  const errors =
    error instanceof ValidationError || error instanceof NonexistentLocalTimeError ? error.issues : undefined;
  const headers: Record<string, string> = {};
  if (
    error instanceof ServiceUnavailableError ||
    error instanceof TooManyRequestsError ||
    error instanceof InvitationLimitError
  ) {
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  }
  if (error.code === 'unauthenticated') headers['www-authenticate'] = 'Bearer';
  return problemResponse(problem(error.code, error.message, { errors, requestId }), headers);
}
