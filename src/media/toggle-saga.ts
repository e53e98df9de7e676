import { call, delay, fork, put, select, takeEvery, takeLeading } from 'redux-saga/effects';
import type { PayloadAction } from '@reduxjs/toolkit';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import { MEDIA_SOURCES, type CallState, type MediaSourceName } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { applySource } from './apply-source';
import { liveEnabled, nextToggleState } from './live-media';
import { reapplyOnRecovery } from './reapply-saga';

const TOGGLE_ACTIONS: Record<MediaSourceName, string> = {
  camera: callActions.toggleCamera.type,
  microphone: callActions.toggleMicrophone.type,
  screenShare: callActions.toggleScreenShare.type,
};

/**
 * A source stays locked `toggleSettleMs` after its SDK call settles. Kept apart from the call
 * itself so that a re-apply can go on to the next source after `reapplyGapMs`. A lock taken
 * again meanwhile (newer generation) is not released by an older timer.
 */
function* settleLocks(ctx: ControllerContext) {
  const generation: Record<MediaSourceName, number> = { camera: 0, microphone: 0, screenShare: 0 };
  yield takeEvery(callActions.toggleStarted.type, (action: PayloadAction<{ source: MediaSourceName }>) => {
    generation[action.payload.source] += 1;
  });
  yield takeEvery(callActions.toggleSettled.type, function* (action: PayloadAction<{ source: MediaSourceName }>) {
    const { source } = action.payload;
    const mine = generation[source];
    yield delay(ctx.options.toggleSettleMs);
    if (generation[source] === mine) yield put(callActions.toggleUnlocked({ source }));
  });
}

function* handleToggle(ctx: ControllerContext, source: MediaSourceName, action: PayloadAction<boolean | undefined>) {
  const state: CallState = yield select(selectCall);
  // Not connected: the reducer kept the intent; it is applied after (re)connect.
  if (state.status !== 'connected' || state.media[source].pending) return;
  const room = ctx.rooms.get();
  if (!room) return;
  const live = liveEnabled(room.localParticipant, source);
  const desired = nextToggleState(action.payload, live);
  if (desired === live) {
    yield put(callActions.toggleSettled({ source, enabled: live, desired, ok: true }));
    return;
  }
  yield call(applySource, ctx, room, source, desired, false);
}

export function* mediaSaga(ctx: ControllerContext) {
  yield fork(settleLocks, ctx);
  for (const source of MEDIA_SOURCES) {
    yield takeLeading(TOGGLE_ACTIONS[source], handleToggle, ctx, source);
  }
  yield fork(reapplyOnRecovery, ctx);
}
