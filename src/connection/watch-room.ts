import { actionChannel, call, cancel, delay, fork, put, race, select, take } from 'redux-saga/effects';
import { buffers, type Channel, type Task } from 'redux-saga';
import type { PayloadAction } from '@reduxjs/toolkit';
import { callActions } from '../call/slice';
import { selectCall, selectCallStatus } from '../call/selectors';
import type { CallState, CallStatus } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { classifyCallError } from '../errors/classify';
import { errorMessage } from '../errors/redact';
import { screenShareRefusal } from '../media/screen-share-policy';
import { syncLiveMedia } from '../media/sync-media';
import { noteNegotiationError } from '../negotiation/negotiation-saga';
import { disconnectReasonName, isTerminalDisconnect } from './disconnect-policy';
import type { RoomSignal } from './room-events';
import type { LiveRoom } from './room-lifecycle';
import { engineSignalChannel, type EngineSignal } from './sdk-token';
import { sdkReconnectWatch } from './sdk-reconnect-watch';

export type WatchOutcome = { terminal: true; reason: string | null } | { terminal: false; reason: string };

/** Forced reconnects in a row are forgiven once the call has stayed up for the cooldown. */
function* forgiveAttemptsWhenStable(ctx: ControllerContext) {
  for (;;) {
    const status: CallStatus = yield select(selectCallStatus);
    if (status !== 'connected') {
      yield take([callActions.connected.type, callActions.sdkReconnected.type]);
      continue;
    }
    const { stable } = yield race({
      stable: delay(ctx.options.reconnectCooldownMs),
      dropped: take(callActions.sdkReconnecting.type),
    });
    if (!stable) continue;
    const state: CallState = yield select(selectCall);
    if (state.reconnectAttempts > 0) yield put(callActions.reconnectAttemptsReset());
    return;
  }
}

/** One Room event: status and media facts, or how this Room ended (terminal or not). */
export function* onSignal(ctx: ControllerContext, live: LiveRoom, signal: RoomSignal) {
  switch (signal.type) {
    case 'reconnecting':
      yield put(callActions.sdkReconnecting({ signalOnly: signal.signalOnly }));
      return undefined;
    case 'reconnected':
      yield put(callActions.sdkReconnected());
      yield call(syncLiveMedia, live.room);
      return undefined;
    case 'local-media':
      yield call(syncLiveMedia, live.room);
      return undefined;
    case 'media-devices-error': {
      // A screen share the user dismissed or that needed a gesture: the toggle saga settles it, quietly.
      if (signal.deviceKind === undefined && screenShareRefusal(signal.error)) return undefined;
      const { kind, alert } = classifyCallError(signal.error);
      if (kind === 'negotiation') {
        yield call(noteNegotiationError, ctx, 'media-devices-error');
        return undefined;
      }
      const message = errorMessage(signal.error);
      yield put(callActions.errorOccurred({ kind, code: 'sdk-error', message, at: Date.now() }));
      if (kind === 'device' && alert) ctx.alert(kind, message, signal.error);
      return undefined;
    }
    case 'negotiation-retry':
      yield call(noteNegotiationError, ctx, 'sdk-publish-retry');
      return undefined;
    case 'disconnected': {
      const reason = disconnectReasonName(signal.reason);
      if (isTerminalDisconnect(signal.reason)) return { terminal: true, reason } as WatchOutcome;
      // No reason: the SDK gave up (e.g. 401 on resume). SERVER_SHUTDOWN: a node went away.
      return { terminal: false, reason: reason ? `disconnected: ${reason}` : 'sdk-gave-up' } as WatchOutcome;
    }
  }
}

function* onEngineSignal(live: LiveRoom, signal: EngineSignal) {
  // Not a newer token (the engine re-announces the one it holds before each resume attempt): its
  // life counts from when it arrived, not from now, or a resume with an expired token looks fine.
  if (signal.type === 'signal-resumed') yield put(callActions.sdkSignalResumed());
  else if (signal.expiresAt > (live.sdkTokenExp ?? Number.NEGATIVE_INFINITY)) [live.sdkToken, live.sdkTokenExp] = [signal.life, signal.expiresAt];
}

/** Follows a connected Room until it ends or a controlled reconnect is asked for. */
export function* watchRoom(ctx: ControllerContext, live: LiveRoom) {
  // Buffered: a request put while this saga is busy (e.g. by the negotiation window) is not lost.
  const requests: Channel<PayloadAction<{ reason: string }>> = yield actionChannel(
    [callActions.forceReconnect.type, callActions.reconnectRequested.type],
    buffers.expanding(4),
  );
  const forgive: Task = yield fork(forgiveAttemptsWhenStable, ctx);
  const stale: Task = yield fork(sdkReconnectWatch, live, ctx);
  const engine = engineSignalChannel(live.room);
  try {
    // A profile change that landed while this Room was connecting still needs its reconnect.
    const state: CallState = yield select(selectCall);
    if (state.videoProfile !== live.profile) {
      return { terminal: false, reason: `video-profile: ${state.videoProfile}` } as WatchOutcome;
    }
    for (;;) {
      const { signal, request, fromEngine } = yield race({ signal: take(live.signals), request: take(requests), ...(engine ? { fromEngine: take(engine) } : {}) });
      if (fromEngine) {
        yield call(onEngineSignal, live, fromEngine as EngineSignal);
        continue;
      }
      if (request) {
        const reason = String(request.payload?.reason ?? 'unspecified');
        return { terminal: false, reason: request.type === callActions.forceReconnect.type ? `forced: ${reason}` : reason } as WatchOutcome;
      }
      const outcome: WatchOutcome | undefined = yield call(onSignal, ctx, live, signal as RoomSignal);
      if (outcome) return outcome;
    }
  } finally {
    engine?.close();
    requests.close();
    yield cancel([forgive, stale]);
  }
}
