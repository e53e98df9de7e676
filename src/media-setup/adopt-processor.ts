import { call } from 'redux-saga/effects';
import type { MediaSourceName } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { takeToggleProcessor } from '../controls/toggle-args';
import { errorMessage } from '../errors/redact';
import { isMovable, mediaSourceOf } from './kept-track';
import { isProcessedSource, keepProcessor } from './keep-processor';

/**
 * `setCameraEnabled(true, { processor })` (or the microphone's) makes that processor the call's
 * for the source: every capture of it gets it, the one published now included (livekit-client
 * alone would keep it for a new capture only), and one kept between Rooms before it is moved.
 */
export function* adoptToggleProcessor(ctx: ControllerContext, source: MediaSourceName) {
  const processor = takeToggleProcessor(ctx, source);
  if (!processor || !isProcessedSource(source)) return;
  ctx.captures.wantProcessor(source, processor);
  yield call(processPublished, ctx, source, true);
}

/**
 * The published capture of `source` gets the call's processor (`replace`: also over another one;
 * else only a raw capture does: one the app set itself stands); one that cannot is stopped and
 * taken off, so nothing raw stays out.
 */
export function* processPublished(ctx: ControllerContext, source: MediaSourceName, replace = false) {
  const participant = ctx.rooms.get()?.localParticipant;
  if (!isProcessedSource(source) || !ctx.captures.processorFor(source) || !isMovable(participant)) return;
  for (const pub of [...participant.trackPublications.values()]) {
    const track = pub.track;
    if (!track || mediaSourceOf(track) !== source || (!replace && track.getProcessor?.())) continue;
    const ok: boolean = yield call(keepProcessor, ctx, source, track);
    if (ok) continue;
    // Stopped for want of its processor: taken off too, so the re-apply opens it again with it.
    try {
      yield call([participant, participant.unpublishTrack], track, true);
    } catch (error) {
      ctx.logger.info(`[redux-livekit-call] unpublishing the ${source} without its processor failed: ${errorMessage(error)}`);
    }
  }
}
