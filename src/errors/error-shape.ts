/**
 * What a thrown value looks like, read defensively. Errors may come from another bundle copy of
 * livekit-client (so `instanceof` fails), from a DOMException, or be plain strings/objects, so
 * classification works on this shape and uses `instanceof` only as a first, cheap answer.
 */
export interface ErrorShape {
  name: string;
  message: string;
  /** LivekitError's numeric code (1 ConnectionError, 12 UnexpectedConnectionState, 13 NegotiationError…). */
  code?: number;
  /** ConnectionError / SignalRequestError `reason` (a number, or a string such as 'TimeoutError'). */
  reason?: number | string;
  /** ConnectionError's `reasonName` ('NotAllowed', 'Cancelled'…), stable across SDK versions. */
  reasonName?: string;
  /** HTTP status on ConnectionError.NotAllowed / PublishTrackError. */
  status?: number;
  /** LeaveRequest carries the server's DisconnectReason here. */
  context?: unknown;
  cause?: unknown;
}

function prop(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    // a Proxy or a throwing getter must not break classification
    return undefined;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function shapeOf(error: unknown): ErrorShape {
  if (typeof error === 'string') return { name: '', message: error };
  if (!error || typeof error !== 'object') return { name: '', message: error === undefined ? '' : String(error) };
  const reason = prop(error, 'reason');
  return {
    name: str(prop(error, 'name')) ?? '',
    message: str(prop(error, 'message')) ?? '',
    code: num(prop(error, 'code')),
    reason: typeof reason === 'number' || typeof reason === 'string' ? reason : undefined,
    reasonName: str(prop(error, 'reasonName')),
    status: num(prop(error, 'status')),
    context: prop(error, 'context'),
    cause: prop(error, 'cause'),
  };
}

/** LivekitError codes (livekit-client src/room/errors.ts); DOMException has its own, colliding, codes. */
export const LIVEKIT_CODES = {
  ConnectionError: 1,
  UnexpectedConnectionState: 12,
  NegotiationError: 13,
  SignalReconnectError: 18,
  DeviceUnsupportedError: 21,
} as const;

/**
 * Is this livekit-client's `name` class (by instanceof, by name, or by code on a base
 * 'LiveKitError' whose subclass name was lost)? Codes alone are not trusted: DOMException code 13
 * is InvalidModificationError.
 */
export function isLiveKit(error: unknown, shape: ErrorShape, cls: unknown, name: keyof typeof LIVEKIT_CODES): boolean {
  if (typeof cls === 'function' && error instanceof (cls as new () => unknown)) return true;
  if (shape.name === name) return true;
  return shape.name === 'LiveKitError' && shape.code === LIVEKIT_CODES[name];
}
