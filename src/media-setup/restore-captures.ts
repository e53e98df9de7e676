import { call, put, select } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import { MEDIA_SOURCES, type CallState, type MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { classifyCallError } from '../errors/classify';
import { errorMessage } from '../errors/redact';
import { noteNegotiationError } from '../negotiation/negotiation-saga';
import { forgetOldSenders, isMovable, mediaSourceOf, type KeptTrack, type MovableParticipant } from './kept-track';
import { keepProcessor } from './keep-processor';
import { scaleToProfile } from './scale-to-profile';

type RoomWithOptions = CallRoom & { options?: { videoCaptureDefaults?: { resolution?: { height?: number } } } };

/** One kept capture published on `room` as the user wants it now: a source turned off meanwhile goes over muted. */
export function* moveTrack(ctx: ControllerContext, room: CallRoom, participant: MovableParticipant, track: KeptTrack, wanted: boolean) {
  const source = mediaSourceOf(track);
  try {
    if (!wanted && !track.isMuted) yield call([track, track.mute]);
    // livekit-client stops an audio processor when the Room it leaves drops its AudioContext.
    const processed: boolean = yield call(keepProcessor, ctx, source, track);
    if (!processed) return false;
    forgetOldSenders(track);
    yield call([participant, participant.publishTrack], track, { source: track.source });
    if (track.source === 'camera') {
      yield call(scaleToProfile, track, (room as RoomWithOptions).options?.videoCaptureDefaults?.resolution?.height);
    }
    return true;
  } catch (error) {
    // Kept for the next try (a re-apply or the next Room), never re-captured while it is live.
    ctx.captures.keep(track);
    ctx.logger.info(`[redux-livekit-call] moving the ${track.source} capture failed: ${errorMessage(error)}`);
    if (classifyCallError(error).kind === 'negotiation') yield call(noteNegotiationError, ctx, `move:${track.source}`);
    return false;
  }
}

/** Publishes a source's kept captures on `room`; false when there were none or they did not go. */
export function* publishKept(ctx: ControllerContext, room: CallRoom, source: MediaSourceName, wanted: boolean) {
  const participant = room.localParticipant;
  const tracks = ctx.captures.take(source);
  if (tracks.length === 0) return false;
  if (!isMovable(participant) || (source === 'screenShare' && !wanted)) {
    for (const track of tracks) track.stop();
    return false;
  }
  let ok = true;
  for (const track of tracks) {
    const moved: boolean = yield call(moveTrack, ctx, room, participant, track, wanted);
    ok = moved && ok;
  }
  if (ok) yield put(callActions.capturesMoved({ source, tracks: tracks.length }));
  return ok;
}

/**
 * The new Room gets the captures of the one it replaces, before `connected` (so before any toggle
 * or re-apply reaches it, and after its encryption is on): no new getUserMedia for a live camera.
 */
export function* restoreCaptures(ctx: ControllerContext, room: CallRoom) {
  const state: CallState = yield select(selectCall);
  for (const source of MEDIA_SOURCES) {
    if (ctx.captures.has(source)) yield call(publishKept, ctx, room, source, state.media[source].desired);
  }
}
