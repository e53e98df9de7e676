import { buffers, eventChannel, type EventChannel } from 'redux-saga';
import { RoomEvent } from 'livekit-client';
import type { CallRoom } from '../connection/room-surface';
import { describeE2EEError } from './e2ee-policy';

/** A Room's E2EE news; `ours`: about our own tracks, or not tied to anyone (the worker itself). */
export type E2EESignal =
  | { type: 'status'; ours: boolean; identity: string; encrypted: boolean }
  | { type: 'error'; ours: boolean; identity: string; description: string }
  | { type: 'left'; identity: string }
  | { type: 'ended' };

const identityOf = (participant: unknown): string => {
  const identity = (participant as { identity?: unknown } | undefined)?.identity;
  return typeof identity === 'string' ? identity : '';
};

/**
 * The Room's `EncryptionError` without a participant comes from the worker's `onerror` or from an
 * identity the Room does not know: nobody's media can be trusted then, so it counts as ours.
 * Errors are described at once (see describeE2EEError): the error object goes no further.
 */
export function e2eeChannel(room: CallRoom): EventChannel<E2EESignal> {
  return eventChannel<E2EESignal>((emit) => {
    const ours = (participant: unknown) => participant === undefined || participant === null || participant === room.localParticipant;
    const handlers: [string, (...args: unknown[]) => void][] = [
      [RoomEvent.ParticipantEncryptionStatusChanged, (enabled, participant) =>
        emit({ type: 'status', ours: ours(participant), identity: identityOf(participant), encrypted: enabled === true })],
      [RoomEvent.EncryptionError, (error, participant) =>
        emit({ type: 'error', ours: ours(participant), identity: identityOf(participant), description: describeE2EEError(error) })],
      [RoomEvent.ParticipantDisconnected, (participant) => emit({ type: 'left', identity: identityOf(participant) })],
      [RoomEvent.Disconnected, () => emit({ type: 'ended' })],
    ];
    for (const [event, handler] of handlers) room.on(event, handler);
    return () => {
      for (const [event, handler] of handlers) room.off(event, handler);
    };
    // Expanding: an error while the saga is busy must not be lost.
  }, buffers.expanding<E2EESignal>(8));
}
