import { call } from 'redux-saga/effects';
import type { MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { isMovable, mediaSourceOf, type KeptTrack, type MovableParticipant } from './kept-track';
import { isProcessedSource, keepProcessor, wantedProcessor } from './keep-processor';

/** livekit-client's `LocalParticipant.createTracks`: a capture with the Room's defaults, not published. */
interface CapturingParticipant extends MovableParticipant {
  createTracks(options: { audio?: unknown; video?: unknown }): Promise<KeptTrack[]>;
}

const canCapture = (participant: unknown): participant is CapturingParticipant =>
  isMovable(participant) && typeof (participant as Partial<CapturingParticipant>).createTracks === 'function';

/**
 * A new capture of a source whose processor the call keeps goes through here, not through
 * `set*Enabled`: livekit-client would set the processor itself, and when that fails it throws
 * without stopping the capture it opened (and opens a second one with `ideal` deviceId).
 */
export function opensWithProcessor(ctx: ControllerContext, room: CallRoom, source: MediaSourceName): boolean {
  const participant = room.localParticipant;
  if (!isProcessedSource(source) || !wantedProcessor(ctx, source) || !canCapture(participant)) return false;
  // A muted camera is still published: unmuting restarts it with its processor (set*Enabled does).
  return ![...participant.trackPublications.values()].some((p) => p.track && mediaSourceOf(p.track) === source);
}

/** Opens the capture without a processor, sets it, then publishes; false when the processor could not be set (nothing published). */
export function* openWithProcessor(ctx: ControllerContext, room: CallRoom, source: MediaSourceName, args: unknown[]) {
  const participant = room.localParticipant as unknown as CapturingParticipant;
  const [capture, publish] = args as [Record<string, unknown> | undefined, Record<string, unknown> | undefined];
  const options = { ...capture };
  delete options.processor; // set below, by us
  const kind = source === 'camera' ? 'video' : 'audio';
  const tracks: KeptTrack[] = yield call([participant, participant.createTracks], { [kind]: Object.keys(options).length > 0 ? options : true });
  for (const [i, track] of tracks.entries()) {
    const ok: boolean = yield call(keepProcessor, ctx, source, track);
    if (!ok) {
      for (const other of tracks.slice(i + 1)) other.stop();
      return false;
    }
  }
  for (const track of tracks) {
    try {
      yield call([participant, participant.publishTrack], track, { ...publish, source: track.source });
    } catch (error) {
      // Processed and live: the re-apply (or the next Room) publishes this one, no new capture.
      ctx.captures.keep(track);
      throw error;
    }
  }
  return true;
}
