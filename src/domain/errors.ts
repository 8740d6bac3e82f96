/**
 * The errors the application can report to a caller. Each subclass has a stable `code`; the HTTP edge maps
 * codes to statuses in one table (`src/functions/http/problem.ts`). Callers branch on the class, never on text.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type ErrorCode =
  | 'validation-failed'
  | 'malformed-json'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'email-taken'
  | 'invalid-credentials'
  | 'invalid-confirmation-code'
  | 'user-not-confirmed'
  | 'too-many-requests'
  | 'service-unavailable';

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class ValidationError extends DomainError {
  readonly code = 'validation-failed';
  constructor(
    readonly issues: readonly FieldIssue[],
    message = 'The request is not valid.',
  ) {
    super(message);
  }
}

export class MalformedJsonError extends DomainError {
  readonly code = 'malformed-json';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported-media-type';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload-too-large';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
}

export class EmailTakenError extends DomainError {
  readonly code = 'email-taken';
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'invalid-credentials';
}

export class InvalidConfirmationCodeError extends DomainError {
  readonly code = 'invalid-confirmation-code';
}

export class UserNotConfirmedError extends DomainError {
  readonly code = 'user-not-confirmed';
}

export class TooManyRequestsError extends DomainError {
  readonly code = 'too-many-requests';
}

/** A dependency is throttling or down; the caller may retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'service-unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
