import { ConnectionError, ConnectionErrorReason } from 'livekit-client';
import type { CallErrorClassification, CallErrorKind, CallErrorSeverity } from './types';

/** What a thrown value looks like, read defensively (errors may come from another bundle copy). */
interface ErrorShape {
  name: string;
  message: string;
  code?: number;
  reason?: number | string;
  status?: number;
}

function shapeOf(error: unknown): ErrorShape {
  if (typeof error === 'string') return { name: '', message: error };
  if (!error || typeof error !== 'object') return { name: '', message: String(error) };
  const e = error as Record<string, unknown>;
  return {
    name: typeof e.name === 'string' ? e.name : '',
    message: typeof e.message === 'string' ? e.message : '',
    code: typeof e.code === 'number' ? e.code : undefined,
    reason: typeof e.reason === 'number' || typeof e.reason === 'string' ? e.reason : undefined,
    status: typeof e.status === 'number' ? e.status : undefined,
  };
}

// Real texts: server v1.13 (`token has invalid claims: token is expired`), go-jose servers
// (`validation failed, token is expired (exp)`), not-yet-valid tokens, and the SDK's give-up.
const TOKEN_EXPIRED = /token is expired|token has invalid claims|token is not valid yet|token might be expired|token expired/i;
const NO_PERMISSION = /no permissions to access the room|permission denied|not allowed to join/i;
const REMOVE_TRACK = /removeTrack|sender was not created by this (peer )?connection/i;
const CANCELLED = /^cancelled|client initiated disconnect|abort(ed)? by (the )?(user|client)|operation was aborted/i;
const NETWORK = /failed to fetch|networkerror|load failed|network request failed|could not establish (signal|pc) connection|websocket|timed? ?out|ECONNREFUSED|ECONNRESET|server unreachable/i;
const NEGOTIATION = /negotiation|re-publish tracks|republish/i;
const DEVICE_NAMES = new Set(['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError', 'PermissionDeniedError', 'DevicesNotFoundError', 'TrackStartError', 'DeviceUnsupportedError']);

/** Per kind: is it for a human, and how loud. The controller recovers the quiet ones itself. */
const POLICY: Record<CallErrorKind, { alert: boolean; severity: CallErrorSeverity }> = {
  'token-expired': { alert: false, severity: 'warn' },
  'not-allowed': { alert: true, severity: 'error' },
  negotiation: { alert: false, severity: 'warn' },
  'remove-track-sender': { alert: false, severity: 'info' },
  cancelled: { alert: false, severity: 'info' },
  network: { alert: false, severity: 'warn' },
  device: { alert: true, severity: 'error' },
  unknown: { alert: true, severity: 'error' },
};

function kindOfConnectionError(e: ErrorShape): CallErrorKind {
  switch (e.reason) {
    case ConnectionErrorReason.NotAllowed:
      if (NO_PERMISSION.test(e.message) || e.status === 403) return 'not-allowed';
      return e.status === 401 && TOKEN_EXPIRED.test(e.message) ? 'token-expired' : 'not-allowed';
    case ConnectionErrorReason.Cancelled:
    case ConnectionErrorReason.LeaveRequest:
      return 'cancelled';
    case ConnectionErrorReason.ServerUnreachable:
    case ConnectionErrorReason.InternalError:
    case ConnectionErrorReason.Timeout:
    case ConnectionErrorReason.WebSocket:
    case ConnectionErrorReason.ServiceNotFound:
      return 'network';
    default:
      return kindOfText(e);
  }
}

function kindOfText(e: ErrorShape): CallErrorKind {
  const text = `${e.name}: ${e.message}`;
  if (REMOVE_TRACK.test(text)) return 'remove-track-sender';
  if (TOKEN_EXPIRED.test(text)) return 'token-expired';
  if (NO_PERMISSION.test(text)) return 'not-allowed';
  if (CANCELLED.test(e.message) || e.name === 'AbortError') return 'cancelled';
  if (NEGOTIATION.test(text)) return 'negotiation';
  if (NETWORK.test(text)) return 'network';
  return 'unknown';
}

function kindOf(error: unknown): CallErrorKind {
  const e = shapeOf(error);
  if (error instanceof ConnectionError || e.name === 'ConnectionError') return kindOfConnectionError(e);
  if (e.name === 'NegotiationError' || (e.code === 13 && e.name !== 'DOMException')) return 'negotiation';
  if (e.name === 'UnexpectedConnectionState') return TOKEN_EXPIRED.test(e.message) ? 'token-expired' : 'network';
  if (DEVICE_NAMES.has(e.name)) return 'device';
  if (e.name === 'PublishTrackError') return NEGOTIATION.test(e.message) ? 'negotiation' : 'unknown';
  if (e.name === 'SignalReconnectError') return 'network';
  if (e.name === 'TypeError' && NETWORK.test(e.message)) return 'network';
  return kindOfText(e);
}

/** Pure: what kind of call error this is, whether a human should hear of it, and how loudly. */
export function classifyCallError(error: unknown): CallErrorClassification {
  const kind = kindOf(error);
  return { kind, ...POLICY[kind] };
}

/** A 401 that a fresh token fixes (expired / not yet valid), as opposed to a refusal. */
export function isTokenRejection(error: unknown): boolean {
  return kindOf(error) === 'token-expired' && shapeOf(error).name === 'ConnectionError';
}

/** The server will not let this participant in whatever the token: no grant, 403. */
export function isPermanentRefusal(error: unknown): boolean {
  return kindOf(error) === 'not-allowed';
}
