import { DisconnectReason } from 'livekit-client';

/** Reasons that end the call (API.md). Every other reason, and none, is a reason to come back. */
const TERMINAL_REASONS: ReadonlySet<DisconnectReason> = new Set([
  DisconnectReason.CLIENT_INITIATED,
  DisconnectReason.DUPLICATE_IDENTITY,
  DisconnectReason.PARTICIPANT_REMOVED,
  DisconnectReason.ROOM_DELETED,
  DisconnectReason.ROOM_CLOSED,
  DisconnectReason.USER_REJECTED,
]);

export function isTerminalDisconnect(reason: DisconnectReason | number | undefined): boolean {
  return reason !== undefined && TERMINAL_REASONS.has(reason as DisconnectReason);
}

/** `SERVER_SHUTDOWN`, `UNKNOWN_REASON`…; `null` when the SDK gave no reason (it gave up). */
export function disconnectReasonName(reason: DisconnectReason | number | undefined): string | null {
  if (reason === undefined) return null;
  return DisconnectReason[reason as DisconnectReason] ?? `REASON_${reason}`;
}
