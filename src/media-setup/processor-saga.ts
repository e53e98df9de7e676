import type { PayloadAction } from '@reduxjs/toolkit';
import { call, put, select, takeEvery } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState, ProcessedSource } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { errorMessage } from '../errors/redact';
import { liveEnabled } from '../media/live-media';
import { isMovable, mediaSourceOf, type KeptTrack } from './kept-track';
import { isProcessedSource } from './keep-processor';

const TOGGLE = { camera: callActions.toggleCamera, microphone: callActions.toggleMicrophone };

/** The processor on a published capture of `source`, stopped: the call has none for it from now on. */
async function stopLiveProcessor(ctx: ControllerContext, source: ProcessedSource): Promise<void> {
  const participant = ctx.rooms.get()?.localParticipant;
  if (!isMovable(participant)) return;
  for (const pub of participant.trackPublications.values()) {
    const track = pub.track as (KeptTrack & { stopProcessor?(): Promise<unknown> }) | undefined;
    if (!track || mediaSourceOf(track) !== source || !track.getProcessor?.() || !track.stopProcessor) continue;
    try {
      await track.stopProcessor();
    } catch (error) {
      ctx.logger.info(`[redux-livekit-call] stopping the ${source} processor failed: ${errorMessage(error)}`);
    }
  }
}

/**
 * `forgetProcessor`: the user goes on without the processor (a held-back camera is wanted raw).
 * The keeper forgets it (no capture gets it again) and a source held back for it is published.
 */
function* forget(ctx: ControllerContext, action: PayloadAction<{ source: ProcessedSource }>) {
  const { source } = action.payload;
  if (!isProcessedSource(source)) return;
  ctx.captures.wantProcessor(source, undefined);
  yield call(stopLiveProcessor, ctx, source);
  const state: CallState = yield select(selectCall);
  const room = ctx.rooms.get();
  if (state.status !== 'connected' || !room || !state.media[source].desired || liveEnabled(room.localParticipant, source)) return;
  yield put(TOGGLE[source](true));
}

export function* processorSaga(ctx: ControllerContext) {
  yield takeEvery(callActions.forgetProcessor.type, forget, ctx);
}
