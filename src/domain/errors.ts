/**
 * The errors the application can report to a caller. Each subclass has a stable `code`; the HTTP edge maps
 * codes to statuses in one table (`src/functions/http/problem.ts`). Callers branch on the class, never on text.
 * Errors of the HTTP transport itself (a body that is not JSON, too large, …) belong to the edge
 * (`src/functions/http/errors.ts`) and extend this class with their own codes.
 */
export abstract class DomainError<Code extends string = DomainErrorCode> extends Error {
  abstract readonly code: Code;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The codes of the domain's errors; the HTTP edge adds its transport codes to make the API's `ErrorCode`. */
export type DomainErrorCode =
  | 'validation-failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'email-taken'
  | 'invalid-credentials'
  | 'invalid-confirmation-code'
  | 'user-not-confirmed'
  | 'too-many-requests'
  | 'service-unavailable'
  | 'version-conflict'
  | 'slot-full'
  | 'already-signed-up'
  | 'not-signed-up'
  | 'casting-closed'
  | 'character-full'
  | 'audition-not-started'
  | 'audition-started'
  | 'in-use'
  | 'invalid-reference'
  | 'invalid-cursor'
  | 'nonexistent-local-time'
  | 'not-cast'
  | 'performer-not-found'
  | 'already-invited'
  | 'invitations-off'
  | 'invitation-limit'
  | 'photo-limit';

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

/** The caller made too many requests of a kind; they may try again after `retryAfterSeconds`, when given. */
export class TooManyRequestsError extends DomainError {
  readonly code = 'too-many-requests';
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
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

/** The resource changed since the caller read it. */
export class VersionConflictError extends DomainError {
  readonly code = 'version-conflict';
}

/** The audition slot has no places left. */
export class SlotFullError extends DomainError {
  readonly code = 'slot-full';
}

/** The performer already holds an active sign-up for this performance. */
export class AlreadySignedUpError extends DomainError {
  readonly code = 'already-signed-up';
}

/** The performer holds no active sign-up for this performance. */
export class NotSignedUpError extends DomainError {
  readonly code = 'not-signed-up';
}

export class CastingClosedError extends DomainError {
  readonly code = 'casting-closed';
}

/** The character already has as many performers cast as it takes. */
export class CharacterFullError extends DomainError {
  readonly code = 'character-full';
}

/** A performer can be cast only once their audition slot has begun. */
export class AuditionNotStartedError extends DomainError {
  readonly code = 'audition-not-started';
}

/** Signing up for, or withdrawing from, a slot that has already begun. */
export class AuditionStartedError extends DomainError {
  readonly code = 'audition-started';
}

/** A change would remove or shrink something that sign-ups or castings still use. */
export class InUseError extends DomainError {
  readonly code = 'in-use';
}

/** The request names a slot, character or performer that the performance does not have. */
export class InvalidReferenceError extends DomainError {
  readonly code = 'invalid-reference';
}

/** A page cursor this API did not make for this very query (changed, from another search, or from an old key). */
export class InvalidCursorError extends DomainError {
  readonly code = 'invalid-cursor';
}

/** A local date-time that the clocks skip at the place it is meant for (the spring-forward gap). */
export class NonexistentLocalTimeError extends DomainError {
  readonly code = 'nonexistent-local-time';
  constructor(
    message: string,
    /** The fields with such a time, e.g. `body.slots.1.start`, each with a message naming the gap. */
    readonly issues: readonly FieldIssue[],
  ) {
    super(message);
  }
}

/** Undoing a casting for a sign-up that is not cast. */
export class NotCastError extends DomainError {
  readonly code = 'not-cast';
}

/** The performer to invite is unknown, not a performer, or not listed in the talent directory (all alike). */
export class PerformerNotFoundError extends DomainError {
  readonly code = 'performer-not-found';
}

/** The performer already has an invitation to this performance (one per performer and performance). */
export class AlreadyInvitedError extends DomainError {
  readonly code = 'already-invited';
}

/** The performer has turned invitations off. */
export class InvitationsOffError extends DomainError {
  readonly code = 'invitations-off';
}

/** The director has sent as many invitations as a day allows; the next day starts in `retryAfterSeconds`. */
export class InvitationLimitError extends DomainError {
  readonly code = 'invitation-limit';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A performer already has as many photos as a profile holds (`maxPhotos`). */
export class PhotoLimitError extends DomainError {
  readonly code = 'photo-limit';
}
