import { call, cancel, fork, put, select, take, takeEvery } from 'redux-saga/effects';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { Task } from 'redux-saga';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState, VideoProfileName } from '../call/types';
import { callSessionSaga } from '../connection/session-saga';
import type { ControllerContext } from './context';

/**
 * One session task at a time. `join` while a session runs is a defined no-op (the reducer ignores
 * it too); `leave` cancels the session, whose `finally` disconnects, unlistens and stops every timer.
 */
export function* sessionSupervisor(ctx: ControllerContext) {
  let session: Task | undefined;
  let active = false;
  function* runSession() {
    try {
      yield call(callSessionSaga, ctx);
    } finally {
      active = false;
    }
  }
  for (;;) {
    const action: { type: string } = yield take([callActions.join.type, callActions.leave.type]);
    if (action.type === callActions.join.type) {
      if (active) {
        ctx.logger.warn('[redux-livekit-call] join ignored: already in a call (leave first)');
        continue;
      }
      active = true;
      session = yield fork(runSession);
    } else if (active && session) {
      active = false;
      yield cancel(session);
    }
  }
}

/** Profile changes are recorded at once and applied with a controlled reconnect when in a call. */
export function* videoProfileSaga(_ctx: ControllerContext) {
  yield takeEvery(callActions.setVideoProfile.type, function* (action: PayloadAction<VideoProfileName>) {
    const profile = action.payload;
    if (profile !== 'hd' && profile !== 'stable') return;
    const state: CallState = yield select(selectCall);
    if (state.videoProfile === profile) return;
    yield put(callActions.profileChanged({ profile, reason: 'user', at: Date.now() }));
    if (state.status === 'connected' || state.status === 'reconnecting' || state.status === 'connecting') {
      yield put(callActions.reconnectRequested({ reason: `video-profile: ${profile}` }));
    }
  });
}
