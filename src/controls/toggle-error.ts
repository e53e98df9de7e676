import type { MediaSourceName } from '../call/types';
import type { CallErrorKind } from '../errors/types';

/**
 * Why a routed `set*Enabled` call (a TrackToggle click, app code) rejected: the device or the
 * browser refused, and the wish was dropped (`lastError.code` is `toggle-failed` too).
 */
export class CallToggleError extends Error {
  override readonly name = 'CallToggleError';
  readonly code = 'toggle-failed' as const;

  constructor(
    readonly source: MediaSourceName,
    readonly kind: CallErrorKind,
    message: string,
  ) {
    super(message);
  }
}
