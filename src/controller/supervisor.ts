import { call, cancel, fork, put, race, select, take, takeEvery } from 'redux-saga/effects';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { Task } from 'redux-saga';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState, VideoProfileName } from '../call/types';
import { callSessionSaga } from '../connection/session-saga';
import type { ControllerContext } from './context';

const SESSION_EDGES = [callActions.join.type, callActions.leave.type, callActions.disconnected.type, callActions.failed.type, callActions.e2eeBreached.type];

/**
 * One session at a time, and its cleanup before the next. A session is `live` from `join` until
 * it reports its end (`disconnected`/`failed`) or is left; `join` while live is a no-op (the reducer
 * ignores it too). A `join` after the end (right after `leave`, or from a `disconnected`/`failed`
 * handler) waits until the old session's `finally` has released its Room, listeners and timers:
 * otherwise that cleanup, up to a second later, would clear the new session's Room.
 */
export function* sessionSupervisor(ctx: ControllerContext) {
  let session: Task | undefined;
  let live = false;
  let cleaning: Promise<void> | undefined;
  for (;;) {
    const action: { type: string } = yield take(SESSION_EDGES);
    if (action.type === callActions.disconnected.type || action.type === callActions.failed.type) {
      live = false; // the session is returning on its own; its cleanup is what `cleanedUp` waits for
    } else if (action.type === callActions.e2eeBreached.type) {
      // Already `failed` (e2ee/): the session would not return by itself, and its Room must stop publishing now.
      if (session?.isRunning()) yield cancel(session);
      live = false;
    } else if (action.type === callActions.leave.type) {
      // `cancel` returns before the session's `finally` has run its effects; `cleaning` covers that.
      if (live && session) yield cancel(session);
      live = false;
    } else if (live) {
      ctx.logger.warn('[redux-livekit-call] join ignored: already in a call (leave first)');
    } else {
      // A `leave` while the old cleanup runs takes this join back (the reducer already did).
      if (cleaning) {
        const wait = cleaning;
        const { left } = yield race({ done: call(() => wait), left: take(callActions.leave.type) });
        if (left) continue;
      }
      let markCleanedUp: () => void = () => undefined;
      const mine = new Promise<void>((resolve) => (markCleanedUp = resolve));
      cleaning = mine;
      void mine.then(() => {
        if (cleaning === mine) cleaning = undefined;
      });
      live = true;
      session = yield fork(callSessionSaga, ctx, markCleanedUp);
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
