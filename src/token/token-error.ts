import type { CallErrorKind } from '../errors/types';
import type { CallErrorCode } from '../call/types';

/** A typed failure on the way to a usable token; never carries the token itself. */
export class CallTokenError extends Error {
  override readonly name = 'CallTokenError';

  constructor(
    readonly code: CallErrorCode,
    readonly kind: CallErrorKind,
    message: string,
    /** Worth another try (timeouts, 5xx, network), as opposed to a token that will never work. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
