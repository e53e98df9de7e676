import {
  ConnectionError,
  ConnectionErrorReason,
  DeviceUnsupportedError,
  NegotiationError,
  SignalReconnectError,
  UnexpectedConnectionState,
} from 'livekit-client';
import { isTerminalDisconnect } from '../connection/disconnect-policy';
import { shapeOf, type ErrorShape } from './error-shape';
import { AUTOPLAY, BROKEN_TOKEN, USER_GESTURE, CANCELLED, DEVICE_NAMES, DEVICE_TEXT, NEGOTIATION, NETWORK, NO_PERMISSION, REMOVE_TRACK_SENDER, TOKEN_TIME } from './patterns';
import type { CallErrorClassification, CallErrorKind, CallErrorSeverity } from './types';

/**
 * Per kind: how loud. Alert-worthy (for a human, via onAlert) is exactly `error`; the quieter
 * kinds are the ones the controller recovers from itself, alerting only when it gives up.
 */
const SEVERITY: Record<CallErrorKind, CallErrorSeverity> = {
  'token-expired': 'warn', // refreshed; the controller alerts on a permanent 401
  'not-allowed': 'error',
  negotiation: 'warn', // recovered; the controller alerts when it gives up
  'remove-track-sender': 'info',
  cancelled: 'info',
  network: 'warn', // backoff; the controller alerts when the budget is spent
  device: 'error',
  unknown: 'error',
};

/** An autoplay-blocked `play()` or a screen share refused for want of a gesture: a UX state (a button), not a broken device. */
const AUTOPLAY_BLOCKED = 'autoplay';

/**
 * livekit-client's classes: by `instanceof`, else by `name` (another bundle copy), else by code on
 * a base 'LiveKitError'. Codes alone are not trusted: DOMException code 13 is something else.
 */
const LIVEKIT: [unknown, string, number][] = [
  [ConnectionError, 'ConnectionError', 1],
  [UnexpectedConnectionState, 'UnexpectedConnectionState', 12],
  [NegotiationError, 'NegotiationError', 13],
  [SignalReconnectError, 'SignalReconnectError', 18],
  [DeviceUnsupportedError, 'DeviceUnsupportedError', 21],
];

function nameOf(error: unknown, e: ErrorShape): string {
  for (const [cls, name, code] of LIVEKIT) {
    // `typeof` guard: a partial mock of livekit-client must not make every error 'unknown'
    if ((typeof cls === 'function' && error instanceof cls) || (e.name === 'LiveKitError' && e.code === code)) return name;
  }
  return e.name;
}

/** Classes (and DOMException names) whose name alone decides the kind. */
const BY_NAME: Record<string, CallErrorKind> = {
  NegotiationError: 'negotiation',
  SignalReconnectError: 'network',
  DeviceUnsupportedError: 'device',
  AbortError: 'cancelled',
  NetworkError: 'network',
  TimeoutError: 'network',
};

/**
 * A NotAllowed answer from the server. 403 and `no permissions…` will not change with a new
 * token; nor will a broken key or signature. A 401 that says the token is too old or too new, and
 * a 401 with a text we do not know (e.g. LiveKit Cloud's `Could not fetch region settings:
 * Unauthorized`), get one fresh token: the controller retries once and treats a second refusal as
 * permanent, so that costs one fetch.
 */
function notAllowedKind(e: ErrorShape): CallErrorKind {
  if (e.status === 403 || NO_PERMISSION.test(e.message) || BROKEN_TOKEN.test(e.message)) return 'not-allowed';
  return TOKEN_TIME.test(e.message) || e.status === 401 ? 'token-expired' : 'not-allowed'; // 404: no such room
}

/** ConnectionErrorReason by name first: `reasonName` is stable even if the enum's numbers move. */
function reasonOf(e: ErrorShape): unknown {
  return e.reasonName ?? ConnectionErrorReason[e.reason as ConnectionErrorReason];
}

function connectionErrorKind(e: ErrorShape): CallErrorKind | undefined {
  switch (reasonOf(e)) {
    case 'NotAllowed':
      return notAllowedKind(e);
    case 'Cancelled':
      return 'cancelled';
    case 'LeaveRequest':
      // The server said leave while we (re)connected: over for good (room deleted, removed…),
      // or a node going away (SERVER_SHUTDOWN…) that a reconnect gets past.
      return isTerminalDisconnect(e.context as number | undefined) ? 'cancelled' : 'network';
    case 'ServerUnreachable':
    case 'InternalError':
    case 'Timeout':
    case 'WebSocket':
    case 'ServiceNotFound': // livekit-client falls back to the v0 path by itself
      return 'network';
  }
  return undefined;
}

/** Message-text fallback, for errors that lost their class on the way. Order matters. */
function textKind(text: string, message: string): CallErrorKind | undefined {
  if (NO_PERMISSION.test(text) || BROKEN_TOKEN.test(text)) return 'not-allowed';
  if (TOKEN_TIME.test(text)) return 'token-expired';
  if (NEGOTIATION.test(text)) return 'negotiation'; // before CANCELLED: `negotiation aborted`
  if (CANCELLED.test(message)) return 'cancelled';
  if (NETWORK.test(message)) return 'network';
  if (DEVICE_TEXT.test(text)) return 'device';
  return undefined;
}

/** The first answer wins: class and reason, then names, then text, then the wrapped cause. */
function kindOf(error: unknown, depth: number): CallErrorKind | typeof AUTOPLAY_BLOCKED | undefined {
  const e = shapeOf(error);
  const m = e.message;
  // The sender race is noise whatever wraps it; checked first so nothing can make it loud.
  if (REMOVE_TRACK_SENDER.test(m)) return 'remove-track-sender';
  const name = nameOf(error, e);
  const byReason = name === 'ConnectionError' ? connectionErrorKind(e) : undefined; // unknown reason: read on
  if (byReason) return byReason;
  if (name === 'UnexpectedConnectionState') {
    // The SDK's give-up after a 401 on resume; `Required webRTC APIs not supported…`; else reconnect races.
    return TOKEN_TIME.test(m) ? 'token-expired' : DEVICE_TEXT.test(m) ? 'device' : 'network';
  }
  // 403: `failed to publish track, insufficient permissions`; 408: `engine not connected within timeout`.
  if (name === 'PublishTrackError') return e.status === 403 ? 'not-allowed' : e.status === 408 ? 'network' : 'unknown';
  if (name === 'NotAllowedError' && AUTOPLAY.test(m)) return AUTOPLAY_BLOCKED;
  if ((name === 'InvalidStateError' || name === 'NotAllowedError') && USER_GESTURE.test(m)) return AUTOPLAY_BLOCKED;
  const found = BY_NAME[name] ?? (DEVICE_NAMES.test(name) ? 'device' : textKind(`${name}: ${m}`, m));
  // Wrapped errors (`new Error('…', { cause })`, LivekitError's cause): the inner one may know more.
  if (!found && e.cause !== undefined && e.cause !== error && depth < 3) return kindOf(e.cause, depth + 1);
  return found;
}

/**
 * Pure: what kind of call error this is, whether a human should hear of it (`alert`) and how
 * loudly. Severity is per kind (SEVERITY) and `alert` is `severity === 'error'`, with one
 * exception: an autoplay-blocked `play()` (NotAllowedError) is `device` but info, no alert.
 * Never throws.
 */
export function classifyCallError(error: unknown): CallErrorClassification {
  let kind: CallErrorKind | typeof AUTOPLAY_BLOCKED;
  try {
    kind = kindOf(error, 0) ?? 'unknown';
  } catch {
    kind = 'unknown'; // a hostile value (a Proxy whose traps throw) is simply not recognised
  }
  const severity = kind === AUTOPLAY_BLOCKED ? 'info' : SEVERITY[kind];
  return { kind: kind === AUTOPLAY_BLOCKED ? 'device' : kind, alert: severity === 'error', severity };
}

/**
 * The server refused the token for its age (expired, not yet valid, or a 401 we cannot read):
 * a freshly fetched token is worth one retry. Not true for the SDK's own give-up
 * (`could not reconnect, token might be expired`): that one needs a new connect, which the
 * controller does anyway when the SDK disconnects.
 */
export function isTokenRejection(error: unknown): boolean {
  try {
    const e = shapeOf(error);
    return nameOf(error, e) === 'ConnectionError' && reasonOf(e) === 'NotAllowed' && notAllowedKind(e) === 'token-expired';
  } catch {
    return false;
  }
}

/** The server will not let this participant in whatever the token's age: no grant, 403, bad key. */
export function isPermanentRefusal(error: unknown): boolean {
  return classifyCallError(error).kind === 'not-allowed';
}
