import { call, cancel, delay, fork, put, select } from 'redux-saga/effects';
import type { Task } from 'redux-saga';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState, CallStateError } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { classifyCallError } from '../errors/classify';
import { expectNoise } from '../errors/expected-noise';
import { errorMessage } from '../errors/redact';
import { syncLiveMedia } from '../media/sync-media';
import { RECONNECT_TOKEN_TRIES, asTokenError, fetchCredentialsWithRetry, reconnectTokenRetryDelayMs } from '../token/fetch-credentials';
import { tokenRefreshSaga } from '../token/refresh-saga';
import type { Credentials } from '../token/credentials';
import { connectRoom, type ConnectOutcome } from './connect-room';
import { reconnectBudgetExhausted, reconnectDelayMs } from './reconnect-policy';
import { closeRoom, type LiveRoom } from './room-lifecycle';
import { wakeSaga } from './wake-saga';
import { watchRoom, type WatchOutcome } from './watch-room';

function* fail(ctx: ControllerContext, reason: string, error: CallStateError) {
  ctx.logger.error(`[redux-livekit-call] call failed (${reason}): ${error.message}`);
  yield put(callActions.failed({ reason, error }));
  ctx.alert(error.kind, `call failed (${reason}): ${error.message}`);
}

const tokenErrorToState = (error: unknown): CallStateError => {
  const e = asTokenError(error);
  return { kind: e.kind, code: e.code, message: e.message, at: Date.now() };
};

/** Decides whether another forced reconnect is allowed, waits for it, and gets a fresh token. */
function* prepareReconnect(ctx: ControllerContext, reason: string) {
  const state: CallState = yield select(selectCall);
  const attempt = state.reconnectAttempts + 1;
  if (reconnectBudgetExhausted(attempt, ctx.options.maxReconnectAttempts)) {
    yield call(fail, ctx, 'reconnect-limit', {
      kind: state.lastError?.kind ?? 'network',
      code: 'reconnect-limit',
      message: `gave up after ${ctx.options.maxReconnectAttempts} forced reconnects (last: ${reason})`,
      at: Date.now(),
    });
    return undefined;
  }
  const delayMs = reconnectDelayMs({
    attempt,
    now: Date.now(),
    lastForcedAt: ctx.lastForcedReconnectAt,
    cooldownMs: ctx.options.reconnectCooldownMs,
    maxDelayMs: ctx.options.maxReconnectDelayMs,
  });
  ctx.logger.info(`[redux-livekit-call] controlled reconnect #${attempt} in ${delayMs} ms (${reason})`);
  yield put(callActions.reconnectStarted({ reason, attempt, delayMs }));
  if (delayMs > 0) yield delay(delayMs);
  ctx.lastForcedReconnectAt = Date.now();
  expectNoise('negotiation', ctx.options.reconnectCooldownMs);
  try {
    const credentials: Credentials = yield call(fetchCredentialsWithRetry, ctx, true, RECONNECT_TOKEN_TRIES, reconnectTokenRetryDelayMs);
    return credentials;
  } catch (error) {
    const stateError = tokenErrorToState(error);
    yield put(callActions.errorOccurred(stateError));
    if (!asTokenError(error).retryable) yield call(fail, ctx, 'token', stateError);
    return asTokenError(error).retryable ? null : undefined; // null: try another reconnect
  }
}

/**
 * One call from `join` to its end: first token, then connect → watch → (controlled reconnect →
 * connect → watch)* until a terminal disconnect, `failed`, or `leave` (which cancels this task).
 */
export function* callSessionSaga(ctx: ControllerContext, onCleanedUp: () => void = () => undefined) {
  let live: LiveRoom | undefined;
  // Attached forks would keep the session alive after it ended; they are cancelled in finally.
  const background: Task[] = [];
  try {
    let credentials: Credentials | undefined;
    try {
      credentials = yield call(fetchCredentialsWithRetry, ctx, false);
    } catch (error) {
      yield call(fail, ctx, 'token', tokenErrorToState(error));
      return;
    }
    background.push(yield fork(tokenRefreshSaga, ctx), yield fork(wakeSaga));
    let reason: string | null = null;
    for (;;) {
      if (reason !== null) {
        const next: Credentials | null | undefined = yield call(prepareReconnect, ctx, reason);
        if (next === undefined) return;
        if (next === null) {
          reason = 'token-source-failed';
          continue;
        }
        credentials = next;
      }
      const outcome: ConnectOutcome = yield call(connectRoom, ctx, credentials!);
      if (!outcome.ok) {
        yield put(callActions.errorOccurred(outcome.error));
        if (outcome.permanent) {
          yield call(fail, ctx, outcome.error.code === 'room-create-failed' ? 'create-room' : 'connect-refused', outcome.error);
          return;
        }
        reason = `connect-failed: ${outcome.error.kind}`;
        continue;
      }
      live = outcome.live;
      const { room } = live;
      yield put(callActions.connected({ roomName: room.name || null, identity: room.localParticipant.identity || null }));
      yield call(syncLiveMedia, room);
      const end: WatchOutcome = yield call(watchRoom, ctx, live);
      if (end.terminal) {
        yield put(callActions.disconnected({ reason: end.reason }));
        return;
      }
      // Its disconnect can take a second: toggles must not go to a Room on its way out.
      yield put(callActions.roomReplacing({ reason: end.reason }));
      yield call(closeRoom, ctx, live, false);
      live = undefined;
      reason = end.reason;
    }
  } catch (error) {
    // A throw nobody expected (e.g. `new Room({ e2ee })` on a browser without it) ends the call visibly.
    yield call(fail, ctx, 'internal', { kind: classifyCallError(error).kind, code: 'sdk-error', message: errorMessage(error), at: Date.now() });
  } finally {
    try {
      yield cancel(background);
      if (live) yield call(closeRoom, ctx, live, true);
      ctx.rooms.set(undefined);
      ctx.credentials.set(undefined);
    } finally {
      onCleanedUp(); // the supervisor starts the next session only now
    }
  }
}
