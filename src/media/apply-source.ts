import { call, cancelled, put } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import type { MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { classifyCallError } from '../errors/classify';
import { errorMessage } from '../errors/redact';
import type { CallErrorKind } from '../errors/types';
import { noteNegotiationError } from '../negotiation/negotiation-saga';
import { publishKept } from '../media-setup/restore-captures';
import { toggleArgsFor } from '../controls/toggle-args';
import { openWithProcessor, opensWithProcessor } from '../media-setup/open-processed';
import { processPublished } from '../media-setup/adopt-processor';
import { liveEnabled, setLiveEnabled } from './live-media';
import { screenShareRefusal } from './screen-share-policy';

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
      // What the app did to the published capture's processor itself (a new one, or none) stands.
      ctx.captures.followPublished(room, source);
      let ok = true;
      // A capture kept from the Room before goes over as it is: no new getUserMedia for it.
      if (desired && ctx.captures.has(source)) yield call(publishKept, ctx, room, source, true);
      else if (desired && opensWithProcessor(ctx, room, source)) ok = yield call(openWithProcessor, ctx, room, source, toggleArgsFor(ctx, source));
      else {
        yield call(setLiveEnabled, room.localParticipant, source, desired, toggleArgsFor(ctx, source));
        // A processor wanted while this capture was opening (the app's, mid-toggle) goes on it now.
        if (desired) yield call(processPublished, ctx, source);
      }
      const current = ctx.rooms.get() ?? room;
      yield put(callActions.toggleSettled({ source, enabled: liveEnabled(current.localParticipant, source), desired, ok }));
    } catch (error) {
      yield call(settleFailure, ctx, room, source, desired, error);
    }
    settled = true;
  } finally {
    const abandoned: boolean = !settled && (yield cancelled());
    if (abandoned) yield put(callActions.toggleUnlocked({ source }));
  }
}
