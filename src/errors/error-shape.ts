/**
 * What a thrown value looks like, read defensively. Errors may come from another bundle copy of
 * livekit-client (so `instanceof` fails), from a DOMException, or be plain strings/objects, so
 * classification works on this shape and uses `instanceof` only as a first, cheap answer.
 * Reading may throw (a hostile Proxy); the classifier catches that.
 */
export interface ErrorShape {
  name: string;
  message: string;
  /** LivekitError's numeric code (1 ConnectionError, 12 UnexpectedConnectionState, 13 NegotiationError…). */
  code?: unknown;
  /** ConnectionError `reason`: a ConnectionErrorReason number. */
  reason?: unknown;
  /** ConnectionError's `reasonName` ('NotAllowed', 'Cancelled'…), stable across SDK versions. */
  reasonName?: unknown;
  /** HTTP status on ConnectionError.NotAllowed / PublishTrackError. */
  status?: unknown;
  /** LeaveRequest carries the server's DisconnectReason here. */
  context?: unknown;
  cause?: unknown;
}

export function shapeOf(error: unknown): ErrorShape {
  const e = (error && typeof error === 'object' ? error : { message: error == null ? '' : String(error) }) as ErrorShape;
  // Class fields (code, reason, status…) are own properties; name, message and a native `cause`
  // may not be (prototype getters, non-enumerable), so they are read explicitly.
  return { ...e, name: typeof e.name === 'string' ? e.name : '', message: typeof e.message === 'string' ? e.message : '', cause: e.cause };
}
