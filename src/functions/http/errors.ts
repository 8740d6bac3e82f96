import { DomainError } from '../../domain/errors';

/** The codes of errors in the HTTP transport: the body as bytes and JSON, before any schema reads it. */
export type TransportErrorCode = 'malformed-json' | 'unsupported-media-type' | 'payload-too-large' | 'nesting-too-deep';

/** A request the edge cannot read at all; answered as problem+json like every other error. */
abstract class TransportError extends DomainError<TransportErrorCode> {}

export class MalformedJsonError extends TransportError {
  readonly code = 'malformed-json';
}

export class UnsupportedMediaTypeError extends TransportError {
  readonly code = 'unsupported-media-type';
}

export class PayloadTooLargeError extends TransportError {
  readonly code = 'payload-too-large';
}

/** The JSON body nests arrays and objects deeper than the API reads. */
export class NestingTooDeepError extends TransportError {
  readonly code = 'nesting-too-deep';
}
