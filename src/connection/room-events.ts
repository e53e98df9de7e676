import { buffers, eventChannel, type EventChannel } from 'redux-saga';
import { RoomEvent } from 'livekit-client';
import { onSdkPublishRetry, type SdkLogContext } from '../negotiation/sdk-retry-tap';
import type { CallRoom } from './room-surface';

/** What the controller needs to hear from a Room; everything else is never subscribed to. */
export type RoomSignal =
  | { type: 'reconnecting'; signalOnly: boolean }
  | { type: 'reconnected' }
  | { type: 'disconnected'; reason: number | undefined }
  | { type: 'local-media' }
  /** `deviceKind`: livekit-client's `audioinput`/`videoinput`; none for a screen share. */
  | { type: 'media-devices-error'; error: unknown; deviceKind: string | undefined }
  /** The SDK swallowed a NegotiationError of this Room to retry the publish (seen only in its log). */
  | { type: 'negotiation-retry' };

/**
 * Chatty events (speakers, quality, audio levels, data, remote subscription churn) are not
 * listened to at all, so they cost nothing and dispatch nothing.
 */
export function roomSignalChannel(room: CallRoom): EventChannel<RoomSignal> {
  return eventChannel<RoomSignal>((emit) => {
    const isLocal = (participant: unknown) => participant === room.localParticipant;
    const handlers: [string, (...args: unknown[]) => void][] = [
      [RoomEvent.Reconnecting, () => emit({ type: 'reconnecting', signalOnly: false })],
      [RoomEvent.SignalReconnecting, () => emit({ type: 'reconnecting', signalOnly: true })],
      [RoomEvent.Reconnected, () => emit({ type: 'reconnected' })],
      [RoomEvent.Disconnected, (reason) => emit({ type: 'disconnected', reason: typeof reason === 'number' ? reason : undefined })],
      [RoomEvent.LocalTrackPublished, () => emit({ type: 'local-media' })],
      [RoomEvent.LocalTrackUnpublished, () => emit({ type: 'local-media' })],
      // Mute events fire for remote tracks too; only ours matter.
      [RoomEvent.TrackMuted, (_pub, participant) => isLocal(participant) && emit({ type: 'local-media' })],
      [RoomEvent.TrackUnmuted, (_pub, participant) => isLocal(participant) && emit({ type: 'local-media' })],
      [RoomEvent.MediaDevicesError, (error, kind) => emit({ type: 'media-devices-error', error, deviceKind: typeof kind === 'string' ? kind : undefined })],
    ];
    for (const [event, handler] of handlers) room.on(event, handler);
    const ours = (c: SdkLogContext) => c.room === room.name && (c.participant === undefined || c.participant === room.localParticipant.identity);
    const untap = onSdkPublishRetry((c) => ours(c) && emit({ type: 'negotiation-retry' }));
    return () => {
      for (const [event, handler] of handlers) room.off(event, handler);
      untap();
    };
    // Expanding buffer: a Disconnected that arrives while the saga is busy must not be lost.
  }, buffers.expanding<RoomSignal>(8));
}
