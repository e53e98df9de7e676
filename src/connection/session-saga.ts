import { call, cancel, fork, put } from 'redux-saga/effects';
import type { Task } from 'redux-saga';
import { callActions } from '../call/slice';
import type { ControllerContext } from '../controller/context';
import { classifyCallError } from '../errors/classify';
import { errorMessage } from '../errors/redact';
import { mediaWatchdogSaga } from '../health/watchdog-saga';
import { syncLiveMedia } from '../media/sync-media';
import { restoreCaptures } from '../media-setup/restore-captures';
import { fetchCredentialsWithRetry } from '../token/fetch-credentials';
import { tokenRefreshSaga } from '../token/refresh-saga';
import type { Credentials } from '../token/credentials';
import { connectRoom, refusalReason, type ConnectOutcome } from './connect-room';
import { failCall, tokenErrorToState } from './fail-call';
import { reconnectEpisode, type EpisodeEnd, type RoomSlot } from './reconnect-saga';
import { closeRoom } from './room-lifecycle';
import { wakeSaga } from './wake-saga';
import { watchRoom, type WatchOutcome } from './watch-room';
import { forgetToggleProcessors } from '../controls/toggle-args';

/**
 * One call from `join` to its end: first token, then connect → watch → (controlled reconnect →
 * watch)* until a terminal disconnect, `failed`, or `leave` (which cancels this task).
 */
export function* callSessionSaga(ctx: ControllerContext, onCleanedUp: () => void = () => undefined) {
  const slot: RoomSlot = {};
  // Attached forks would keep the session alive after it ended; they are cancelled in finally.
  const background: Task[] = [];
  try {
    let credentials: Credentials;
    try {
      credentials = yield call(fetchCredentialsWithRetry, ctx, false);
    } catch (error) {
      yield call(failCall, ctx, 'token', tokenErrorToState(error));
      return;
    }
    background.push(yield fork(tokenRefreshSaga, ctx), yield fork(wakeSaga), yield fork(mediaWatchdogSaga, ctx));
    const first: ConnectOutcome = yield call(connectRoom, ctx, credentials);
    let reason: string | null = null;
    if (first.ok) {
      slot.live = first.live;
    } else {
      yield put(callActions.errorOccurred(first.error));
      if (first.permanent) {
        yield call(failCall, ctx, refusalReason(first.error), first.error);
        return;
      }
      reason = `connect-failed: ${first.error.kind}`;
    }
    for (;;) {
      if (reason !== null) {
        const next: EpisodeEnd = yield call(reconnectEpisode, ctx, reason, slot);
        if ('ended' in next) return;
        slot.live = next.live;
      }
      const { room } = slot.live!;
      yield call(restoreCaptures, ctx, room);
      yield put(callActions.connected({ roomName: room.name || null, identity: room.localParticipant.identity || null }));
      yield call(syncLiveMedia, room);
      const end: WatchOutcome = yield call(watchRoom, ctx, slot.live!);
      if (end.terminal) {
        yield put(callActions.disconnected({ reason: end.reason }));
        return;
      }
      reason = end.reason; // the Room stays in the slot until the reconnect replaces it
    }
  } catch (error) {
    // A throw nobody expected (e.g. `new Room({ e2ee })` on a browser without it) ends the call visibly.
    yield call(failCall, ctx, 'internal', { kind: classifyCallError(error).kind, code: 'sdk-error', message: errorMessage(error), at: Date.now() });
  } finally {
    try {
      yield cancel(background);
      if (slot.live) yield call(closeRoom, ctx, slot.live, true);
      ctx.rooms.set(undefined);
      ctx.credentials.set(undefined);
      ctx.captures.releaseAll(); // the call is over: no camera stays on for it
      forgetToggleProcessors(ctx);
    } finally {
      onCleanedUp(); // the supervisor starts the next session only now
    }
  }
}
