import {
  ConnectionError,
  ConnectionErrorReason,
  DeviceUnsupportedError,
  NegotiationError,
  SignalReconnectError,
  UnexpectedConnectionState,
} from 'livekit-client';
import { isTerminalDisconnect } from '../connection/disconnect-policy';
import { isLiveKit, shapeOf, type ErrorShape } from './error-shape';
import { AUTOPLAY, BROKEN_TOKEN, CANCELLED, DEVICE_NAMES, DEVICE_TEXT, NEGOTIATION, NETWORK, NO_PERMISSION, REMOVE_TRACK_SENDER, TOKEN_TIME } from './patterns';
import type { CallErrorClassification, CallErrorKind, CallErrorSeverity } from './types';

type Policy = { alert: boolean; severity: CallErrorSeverity };

/** Per kind: is it for a human, and how loud. The controller recovers the quiet ones itself. */
const POLICY: Record<CallErrorKind, Policy> = {
  'token-expired': { alert: false, severity: 'warn' }, // refreshed; the controller alerts on a permanent 401
  'not-allowed': { alert: true, severity: 'error' },
  negotiation: { alert: false, severity: 'warn' }, // recovered; the controller alerts when it gives up
  'remove-track-sender': { alert: false, severity: 'info' },
  cancelled: { alert: false, severity: 'info' },
  network: { alert: false, severity: 'warn' }, // backoff; the controller alerts when the budget is spent
  device: { alert: true, severity: 'error' },
  unknown: { alert: true, severity: 'error' },
};

/** A recognised error: its kind, and (rarely) a policy that differs from the kind's. */
type Verdict = { kind: CallErrorKind; policy?: Policy };
type Rule = (error: unknown, e: ErrorShape) => CallErrorKind | Verdict | undefined;

/** ConnectionErrorReason by name first: `reasonName` is stable even if the enum's numbers move. */
function connectionReason(e: ErrorShape): string | undefined {
  if (e.reasonName) return e.reasonName;
  return typeof e.reason === 'number' ? ConnectionErrorReason[e.reason] : e.reason;
}

/**
 * A NotAllowed answer from the server (ConnectionError or the raw 401/403 text).
 * 403 and `no permissions…` will not change with a new token; nor will a broken key or
 * signature. A 401 that says the token is too old or too new, and a 401 with a text we do not
 * know (e.g. LiveKit Cloud's `Could not fetch region settings: Unauthorized`), get one fresh token:
 * the controller retries once and treats a second refusal as permanent, so that costs one fetch.
 */
function notAllowedKind(e: ErrorShape): CallErrorKind {
  if (e.status === 403 || NO_PERMISSION.test(e.message) || BROKEN_TOKEN.test(e.message)) return 'not-allowed';
  if (TOKEN_TIME.test(e.message)) return 'token-expired';
  return e.status === 401 ? 'token-expired' : 'not-allowed'; // 404 `requested room does not exist`
}

function connectionErrorKind(e: ErrorShape): CallErrorKind | undefined {
  switch (connectionReason(e)) {
    case 'NotAllowed':
      return notAllowedKind(e);
    case 'Cancelled':
      return 'cancelled';
    case 'LeaveRequest':
      // The server said leave while we (re)connected: over for good (room deleted, removed…),
      // or a node going away (SERVER_SHUTDOWN…) that a reconnect gets past.
      return isTerminalDisconnect(typeof e.context === 'number' ? e.context : undefined) ? 'cancelled' : 'network';
    case 'ServerUnreachable':
    case 'InternalError':
    case 'Timeout':
    case 'WebSocket':
    case 'ServiceNotFound': // livekit-client falls back to the v0 path by itself
      return 'network';
    default:
      return undefined;
  }
}

/** Ordered: the first rule with an answer wins. */
const RULES: readonly Rule[] = [
  // The sender race is noise whatever wraps it; checked first so nothing can make it loud.
  (_x, e) => (REMOVE_TRACK_SENDER.test(e.message) ? 'remove-track-sender' : undefined),
  (x, e) => (isLiveKit(x, e, ConnectionError, 'ConnectionError') ? connectionErrorKind(e) : undefined),
  (x, e) => (isLiveKit(x, e, NegotiationError, 'NegotiationError') ? 'negotiation' : undefined),
  (x, e) => {
    if (!isLiveKit(x, e, UnexpectedConnectionState, 'UnexpectedConnectionState')) return undefined;
    if (TOKEN_TIME.test(e.message)) return 'token-expired'; // the SDK's give-up after a 401 on resume
    // `Required webRTC APIs not supported…`; the rest are state races during a reconnect.
    return DEVICE_TEXT.test(e.message) ? 'device' : 'network';
  },
  (x, e) => (isLiveKit(x, e, SignalReconnectError, 'SignalReconnectError') ? 'network' : undefined),
  (x, e) => (isLiveKit(x, e, DeviceUnsupportedError, 'DeviceUnsupportedError') ? 'device' : undefined),
  (_x, e) => {
    if (e.name !== 'PublishTrackError') return undefined;
    if (e.status === 403) return 'not-allowed'; // `failed to publish track, insufficient permissions`
    if (NEGOTIATION.test(e.message)) return 'negotiation';
    return e.status === 408 ? 'network' : 'unknown'; // 408: `engine not connected within timeout`
  },
  (_x, e) => (e.name === 'SignalRequestError' && e.reason === 'TimeoutError' ? 'network' : undefined),
  (_x, e) => {
    if (e.name === 'NotAllowedError' && AUTOPLAY.test(e.message)) return { kind: 'device', policy: { alert: false, severity: 'info' } };
    return DEVICE_NAMES.has(e.name) ? 'device' : undefined;
  },
  (_x, e) => (e.name === 'AbortError' ? 'cancelled' : undefined),
  (_x, e) => (e.name === 'NetworkError' || e.name === 'TimeoutError' ? 'network' : undefined),
  (_x, e) => textKind(`${e.name}: ${e.message}`, e.message),
];

/** Message-text fallback, for errors that lost their class on the way. */
function textKind(text: string, message: string): CallErrorKind | undefined {
  if (NO_PERMISSION.test(text) || BROKEN_TOKEN.test(text)) return 'not-allowed';
  if (TOKEN_TIME.test(text)) return 'token-expired';
  if (CANCELLED.test(message)) return 'cancelled';
  if (NEGOTIATION.test(text)) return 'negotiation';
  if (NETWORK.test(message)) return 'network';
  if (DEVICE_TEXT.test(text)) return 'device';
  return undefined;
}

function verdictOf(error: unknown, depth = 0): Verdict {
  const shape = shapeOf(error);
  for (const rule of RULES) {
    const found = rule(error, shape);
    if (found) return typeof found === 'string' ? { kind: found } : found;
  }
  // Wrapped errors (`new Error('…', { cause })`, LivekitError's cause): the inner one may know more.
  if (shape.cause !== undefined && shape.cause !== error && depth < 3) return verdictOf(shape.cause, depth + 1);
  return { kind: 'unknown' };
}

/**
 * Pure: what kind of call error this is, whether a human should hear of it (`alert`) and how
 * loudly. Policy is per kind (see POLICY), with one exception: an autoplay-blocked `play()`
 * (NotAllowedError) is `device` but info and not alert-worthy.
 */
export function classifyCallError(error: unknown): CallErrorClassification {
  const { kind, policy } = verdictOf(error);
  return { kind, ...(policy ?? POLICY[kind]) };
}

/**
 * The server refused the token for its age (expired, not yet valid, or a 401 we cannot read):
 * a freshly fetched token is worth one retry. Not true for the SDK's own give-up
 * (`could not reconnect, token might be expired`): that one needs a new connect, which the
 * controller does anyway when the SDK disconnects.
 */
export function isTokenRejection(error: unknown): boolean {
  const e = shapeOf(error);
  return isLiveKit(error, e, ConnectionError, 'ConnectionError') && connectionReason(e) === 'NotAllowed' && notAllowedKind(e) === 'token-expired';
}

/** The server will not let this participant in whatever the token's age: no grant, 403, bad key. */
export function isPermanentRefusal(error: unknown): boolean {
  return verdictOf(error).kind === 'not-allowed';
}
