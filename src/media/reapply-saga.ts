import { actionChannel, call, cancel, delay, fork, join, put, select, take } from 'redux-saga/effects';
import { buffers, type Channel, type Task } from 'redux-saga';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import { MEDIA_SOURCES, type CallState, type MediaSourceName } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { applySource } from './apply-source';
import { liveEnabled, sourcesToReapply } from './live-media';
import { needsGesture } from './screen-share-policy';

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
    if (needsGesture(next, desired[next]) && !ctx.captures.has(next)) {
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
export function* reapplyOnRecovery(ctx: ControllerContext) {
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
