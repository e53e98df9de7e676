import { call, put, select } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectLostProcessors } from '../call/selectors';
import type { CallState, MediaSourceName, ProcessedSource } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { errorMessage } from '../errors/redact';
import type { KeptTrack } from './kept-track';

export const isProcessedSource = (source: MediaSourceName | undefined): source is ProcessedSource => source === 'camera' || source === 'microphone';

/** The processor a capture of `source` must carry before it is published, if the call wants one. */
export function wantedProcessor(ctx: ControllerContext, source: MediaSourceName | undefined): unknown {
  return isProcessedSource(source) ? ctx.captures.processorFor(source) : undefined;
}

const nameOf = (processor: unknown): string | null => {
  const name = (processor as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : null;
};

/**
 * Puts the call's processor on `track` before anyone publishes it. When it cannot (its `init`
 * rejects: an ended capture's processor that cannot start again, an audio processor without its
 * AudioContext), the track is stopped: the SFU gets nothing of that source rather than a raw
 * frame, and the state says so until the processor is back. Returns whether `track` may go out.
 */
export function* keepProcessor(ctx: ControllerContext, source: MediaSourceName | undefined, track: KeptTrack) {
  const processor = wantedProcessor(ctx, source);
  if (!isProcessedSource(source) || !processor || track.getProcessor?.() === processor || !track.setProcessor) return true;
  try {
    yield call([track, track.setProcessor], processor);
  } catch (error) {
    track.stop();
    const message = errorMessage(error);
    yield put(callActions.processorLost({ source, name: nameOf(processor), message, at: Date.now() }));
    ctx.logger.info(`[redux-livekit-call] the ${source} processor could not be set again (${message}): nothing of the ${source} is published until it is back`);
    return false;
  }
  const lost: CallState['lostProcessors'] = yield select(selectLostProcessors);
  if (lost[source]) yield put(callActions.processorRestored({ source }));
  return true;
}
