import { RoomEvent } from 'livekit-client';
import { buffers, eventChannel, type EventChannel } from 'redux-saga';
import type { QualityLevel } from '../call/types';
import { callClockNow } from '../clock/call-clock';
import type { RoomHolder } from '../connection/room-holder';
import type { CallRoom } from '../connection/room-surface';
import { isQualityTransition, qualityLevel } from './quality-level';

/**
 * `room`: the Room in use changed (or is gone); what the old one said no longer counts.
 * `level`: the local participant's quality moved in a way the policy cares about.
 */
export type QualitySignal =
  | { type: 'room' }
  | { type: 'level'; level: QualityLevel; at: number; clock: number };

/**
 * The local connection quality of whichever Room is in use. livekit-client re-emits the server's
 * regular grades (only when a participant's grade differs from the last) as
 * `RoomEvent.ConnectionQualityChanged(quality, participant)` for every participant; only ours is
 * kept, and only reports that move the policy leave this listener (see `isQualityTransition`).
 */
export function qualityChannel(rooms: RoomHolder): EventChannel<QualitySignal> {
  return eventChannel<QualitySignal>((emit) => {
    let detach = () => undefined as void;
    const attach = (room: CallRoom | undefined) => {
      detach();
      detach = () => undefined;
      if (!room) return;
      let last: QualityLevel = 'unknown';
      const onQuality = (quality: unknown, participant: unknown) => {
        if (participant !== room.localParticipant) return;
        const level = qualityLevel(quality);
        if (!isQualityTransition(last, level)) return;
        last = level;
        emit({ type: 'level', level, at: Date.now(), clock: callClockNow() });
      };
      room.on(RoomEvent.ConnectionQualityChanged, onQuality);
      detach = () => {
        room.off(RoomEvent.ConnectionQualityChanged, onQuality);
      };
    };
    attach(rooms.get());
    const unsubscribe = rooms.subscribe((room) => {
      attach(room);
      emit({ type: 'room' });
    });
    return () => {
      unsubscribe();
      detach();
    };
    // Transitions are rare; none may be lost while the saga is busy putting.
  }, buffers.expanding<QualitySignal>(8));
}
