import { actionChannel, call, cancel, cancelled, delay, fork, join, put, select, take, takeEvery, takeLeading } from 'redux-saga/effects';
import { buffers, type Channel, type Task } from 'redux-saga';
import type { PayloadAction } from '@reduxjs/toolkit';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import { MEDIA_SOURCES, type CallState, type MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { classifyCallError } from '../errors/classify';
import { errorMessage } from '../errors/redact';
import type { CallErrorKind } from '../errors/types';
import { noteNegotiationError } from '../negotiation/negotiation-saga';
import { liveEnabled, nextToggleState, setLiveEnabled, sourcesToReapply } from './live-media';
import { needsGesture, screenShareRefusal } from './screen-share-policy';

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

/** Failures of the connection, not of the device: the wish stands and is re-applied after the reconnect. */
const CONNECTION_KINDS: ReadonlySet<CallErrorKind> = new Set(['cancelled', 'network', 'remove-track-sender', 'token-expired']);

/** What the failure means for the wish: a gone device cannot be wanted; a race can be re-applied. */
function* settleFailure(ctx: ControllerContext, room: CallRoom, source: MediaSourceName, desired: boolean, error: unknown) {
  const { kind } = classifyCallError(error);
  const live = liveEnabled(room.localParticipant, source);
  const refusal = source === 'screenShare' && desired ? screenShareRefusal(error) : undefined;
  if (refusal) {
    // The user's (or the browser's) answer, not a fault: no alert; "share again" when it wanted a gesture.
    yield put(callActions.toggleSettled({ source, enabled: live, desired: false, ok: false }));
    if (refusal === 'needs-gesture') yield put(callActions.screenShareBlocked({ reason: 'needs-gesture' }));
    ctx.logger.info(`[redux-livekit-call] screen share not started (${refusal}): ${errorMessage(error)}`);
    return;
  }
  if (kind === 'negotiation') {
    // The SDK already retried once (hasRetriedAfterNegotiationError); we only count it and keep the wish.
    yield put(callActions.toggleSettled({ source, enabled: live, desired, ok: false }));
    yield call(noteNegotiationError, ctx, `toggle:${source}`);
    return;
  }
  if (CONNECTION_KINDS.has(kind) || ctx.rooms.get() !== room) {
    yield put(callActions.toggleSettled({ source, enabled: live, desired, ok: false }));
    if (kind === 'network') ctx.logger.info(`[redux-livekit-call] ${source} toggle met a reconnect (${errorMessage(error)}); re-applied after it`);
    return;
  }
  const message = errorMessage(error);
  yield put(callActions.toggleSettled({ source, enabled: live, desired: live, ok: false }));
  yield put(callActions.errorOccurred({ kind, code: 'toggle-failed', message: `${source}: ${message}`, at: Date.now() }));
  ctx.logger.warn(`[redux-livekit-call] ${source} toggle failed: ${message}`);
  if (classifyCallError(error).alert) ctx.alert(kind, `${source}: ${message}`, error);
}

/** One SDK call for one source; the source stays locked until it settles plus `toggleSettleMs`. */
export function* applySource(ctx: ControllerContext, room: CallRoom, source: MediaSourceName, desired: boolean, reapply: boolean) {
  yield put(callActions.toggleStarted({ source, desired, reapply }));
  let settled = false;
  try {
    try {
      yield call(setLiveEnabled, room.localParticipant, source, desired);
      const current = ctx.rooms.get() ?? room;
      yield put(callActions.toggleSettled({ source, enabled: liveEnabled(current.localParticipant, source), desired, ok: true }));
    } catch (error) {
      yield call(settleFailure, ctx, room, source, desired, error);
    }
    settled = true;
  } finally {
    const abandoned: boolean = !settled && (yield cancelled());
    if (abandoned) yield put(callActions.toggleUnlocked({ source }));
  }
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

/**
 * After Reconnected, a new Room, or a resume whose signal is back (livekit-client then restarts
 * media paths and waits at least 2 s before Reconnected; publishing meanwhile is what a plain
 * app does, and it negotiates fine once signal is up): the wish, one source at a time, each
 * after the previous one settled (plus `reapplyGapMs`).
 */
export function* reapplyWanted(ctx: ControllerContext, trigger?: { type: string }) {
  const onResume = trigger?.type === callActions.sdkSignalResumed.type;
  // Each source at most once per recovery: a failure here is not retried blindly.
  const tried = new Set<MediaSourceName>();
  let needGap = false;
  for (;;) {
    // The wish or the call may change during the gap, so both are read afresh after it.
    if (needGap && ctx.options.reapplyGapMs > 0) yield delay(ctx.options.reapplyGapMs);
    needGap = false;
    const state: CallState = yield select(selectCall);
    const room = ctx.rooms.get();
    if (!room || !(state.status === 'connected' || (onResume && state.status === 'reconnecting'))) return;
    const desired = Object.fromEntries(MEDIA_SOURCES.map((s) => [s, state.media[s].desired])) as Record<MediaSourceName, boolean>;
    const live = Object.fromEntries(MEDIA_SOURCES.map((s) => [s, liveEnabled(room.localParticipant, s)])) as Record<MediaSourceName, boolean>;
    const candidates = sourcesToReapply(MEDIA_SOURCES, desired, live).filter((s) => !tried.has(s));
    if (candidates.length === 0) return;
    const next = candidates.find((s) => !state.media[s].pending);
    if (!next) {
      // A toggle of that source is still settling (maybe on the old Room): look again once it is.
      yield take(callActions.toggleUnlocked.type);
      continue;
    }
    tried.add(next);
    if (needsGesture(next, desired[next])) {
      // Not re-requested outside a gesture (the browser would refuse): the state says so instead.
      yield put(callActions.screenShareBlocked({ reason: 'needs-gesture' }));
      continue;
    }
    yield call(applySource, ctx, room, next, desired[next], true);
    needGap = true;
  }
}

/**
 * One re-apply at a time. A new Room (`connected`) makes a running one moot: it is cancelled. A
 * resume's later steps (signal back, then Reconnected) wait for the running one to finish and
 * then look again, so no source is ever set twice at once.
 */
function* reapplyOnRecovery(ctx: ControllerContext) {
  const triggers: Channel<{ type: string }> = yield actionChannel(
    [callActions.connected.type, callActions.sdkSignalResumed.type, callActions.sdkReconnected.type],
    buffers.sliding(1),
  );
  let running: Task | undefined;
  for (;;) {
    const trigger: { type: string } = yield take(triggers);
    if (running?.isRunning()) {
      if (trigger.type === callActions.connected.type) yield cancel(running);
      else yield join(running);
    }
    running = yield fork(reapplyWanted, ctx, trigger);
  }
}

export function* mediaSaga(ctx: ControllerContext) {
  yield fork(settleLocks, ctx);
  for (const source of MEDIA_SOURCES) {
    yield takeLeading(TOGGLE_ACTIONS[source], handleToggle, ctx, source);
  }
  yield fork(reapplyOnRecovery, ctx);
}
