import { END } from 'redux-saga';
import { call, delay, put, race, select, takeMaybe } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState } from '../call/types';
import { callClockNow } from '../clock/call-clock';
import type { ControllerContext } from '../controller/context';
import { expectNoise } from '../errors/expected-noise';
import { fetchCredentials } from '../token/fetch-credentials';
import type { Credentials } from '../token/credentials';
import { connectRoom, refusalReason, type ConnectOutcome } from './connect-room';
import { failCall, noteTokenFailure } from './fail-call';
import { reconnectBudgetExhausted, reconnectDelayMs } from './reconnect-policy';
import { waitToRetry } from './retry-wait';
import { closeRoom, type LiveRoom } from './room-lifecycle';
import type { RoomSignal } from './room-events';
import { onSignal, type WatchOutcome } from './watch-room';

/** The Room in use: kept through a reconnect's waits and closed only just before its replacement connects. */
export interface RoomSlot {
  live?: LiveRoom;
}

export type EpisodeEnd = { live: LiveRoom } | { ended: true };

const never = () => new Promise<never>(() => undefined);

/**
 * Listens to the Room being replaced while the reconnect waits (status, media, device errors).
 * Ending on its own with a terminal reason (removed, room deleted) ends the call, and this
 * returns that; any other end closes it and the wait goes on.
 */
function* keepOutgoing(ctx: ControllerContext, slot: RoomSlot) {
  const live = slot.live;
  while (live && slot.live === live) {
    const signal: RoomSignal | typeof END = yield takeMaybe(live.signals);
    if (signal === END) break; // closed by the reconnect itself
    const outcome: WatchOutcome | undefined = yield call(onSignal, ctx, live, signal as RoomSignal);
    if (outcome?.terminal) return outcome;
    if (outcome) {
      yield put(callActions.roomLost({ reason: outcome.reason }));
      yield call(closeRoom, ctx, live, false);
      slot.live = undefined;
    }
  }
  return (yield call(never)) as never;
}

/** One forced reconnect: the wait its attempt number calls for, while a working Room stays in use. */
function* beginAttempt(ctx: ControllerContext, reason: string, slot: RoomSlot) {
  const state: CallState = yield select(selectCall);
  const attempt = state.reconnectAttempts + 1;
  const { maxReconnectAttempts, reconnectCooldownMs, maxReconnectDelayMs } = ctx.options;
  if (reconnectBudgetExhausted(attempt, maxReconnectAttempts)) {
    const message = `gave up after ${maxReconnectAttempts} forced reconnects (last: ${reason})`;
    yield call(failCall, ctx, 'reconnect-limit', { kind: state.lastError?.kind ?? 'network', code: 'reconnect-limit', message, at: Date.now() });
    return false;
  }
  const delayMs = reconnectDelayMs({ attempt, now: callClockNow(), lastForcedAt: ctx.lastForcedReconnectAt, cooldownMs: reconnectCooldownMs, maxDelayMs: maxReconnectDelayMs });
  ctx.logger.info(`[redux-livekit-call] controlled reconnect #${attempt} in ${delayMs} ms (${reason})`);
  const payload = { reason, attempt, delayMs };
  // A connected Room keeps the call going until the moment it is replaced (see startReplacing).
  yield put(slot.live?.room.state === 'connected' ? callActions.reconnectScheduled(payload) : callActions.reconnectStarted(payload));
  if (delayMs > 0) yield delay(delayMs);
  ctx.lastForcedReconnectAt = callClockNow();
  expectNoise('negotiation', reconnectCooldownMs);
  return true;
}

/**
 * The old Room goes only now, with a fresh token in hand: the gap with no Room is the connect
 * itself. Its disconnect can take a second: the status leaves `connected` first, so no toggle
 * goes to a Room on its way out.
 */
function* startReplacing(ctx: ControllerContext, reason: string, slot: RoomSlot) {
  const state: CallState = yield select(selectCall);
  if (state.status === 'connected') yield put(callActions.roomReplacing({ reason }));
  if (slot.live) yield call(closeRoom, ctx, slot.live, false);
  slot.live = undefined;
}

function* reconnectUntilConnected(ctx: ControllerContext, firstReason: string, slot: RoomSlot) {
  let reason = firstReason;
  for (;;) {
    const begun: boolean = yield call(beginAttempt, ctx, reason, slot);
    if (!begun) return { ended: true } as EpisodeEnd;
    // Tries that reach nobody stay inside this attempt, on the short schedule, within the time budget.
    let startedAt = callClockNow();
    let credentials: Credentials | undefined;
    for (let retry = 0; ; retry++) {
      if (!credentials) {
        try {
          credentials = yield call(fetchCredentials, ctx, true, callActions.tokenCheckRequested.type);
        } catch (error) {
          // While the old Room still carries the call, waiting for a token costs nothing: no budget.
          if (slot.live?.room.state === 'connected') startedAt = callClockNow();
          const retryable: boolean = yield call(noteTokenFailure, ctx, error);
          const goOn: boolean = retryable && (yield call(waitToRetry, ctx, retry, startedAt, 'token-source-failed'));
          if (!goOn) return { ended: true } as EpisodeEnd;
          continue;
        }
      }
      yield call(startReplacing, ctx, reason, slot);
      const outcome: ConnectOutcome = yield call(connectRoom, ctx, credentials!);
      if (outcome.ok) return { live: outcome.live } as EpisodeEnd;
      yield put(callActions.errorOccurred(outcome.error));
      if (outcome.permanent) {
        yield call(failCall, ctx, refusalReason(outcome.error), outcome.error);
        return { ended: true } as EpisodeEnd;
      }
      reason = `connect-failed: ${outcome.error.kind}`;
      if (!outcome.unreachable) break; // it answered and failed: the next attempt, with its cooldown
      const goOn: boolean = yield call(waitToRetry, ctx, retry, startedAt, reason, true);
      if (!goOn) return { ended: true } as EpisodeEnd;
    }
  }
}

/**
 * A controlled reconnect from `reason` to a connected Room (or the call's end, already recorded).
 * Overlapping requests while it runs are not taken: they coalesce into this one.
 */
export function* reconnectEpisode(ctx: ControllerContext, reason: string, slot: RoomSlot) {
  const { done, ended } = yield race({ done: call(reconnectUntilConnected, ctx, reason, slot), ended: call(keepOutgoing, ctx, slot) });
  if (ended) {
    yield put(callActions.disconnected({ reason: (ended as WatchOutcome).reason }));
    return { ended: true } as EpisodeEnd;
  }
  return done as EpisodeEnd;
}
