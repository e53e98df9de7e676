import { buffers, eventChannel, type EventChannel } from 'redux-saga';
import { call, fork, put, race, select, take, takeEvery } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState } from '../call/types';
import { failCall } from '../connection/fail-call';
import type { RoomHolder } from '../connection/room-holder';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { isHandedOver } from './connect-encrypted';
import { e2eeChannel, type E2EESignal } from './e2ee-events';
import { changesUndecryptable, e2eeStateError } from './e2ee-policy';
import { isRoomReleased, releaseRoomE2EE } from './e2ee-room';

/** The controller lets this Room go (its replacement comes next): what it reports while closing is moot. */
const LET_GO = [callActions.roomReplacing.type, callActions.roomLost.type];

type Held = { room: CallRoom | undefined };

const holderChannel = (holder: RoomHolder): EventChannel<Held> =>
  eventChannel<Held>((emit) => holder.subscribe((room) => emit({ room })), buffers.expanding<Held>(4));

function* setEncrypted(encrypted: boolean) {
  const state: CallState = yield select(selectCall);
  if (state.e2ee.encrypted !== encrypted) yield put(callActions.e2eeEncryptionChanged({ encrypted }));
}

function* setUndecryptable(identity: string, undecryptable: boolean) {
  const state: CallState = yield select(selectCall);
  if (identity && changesUndecryptable(state.e2ee.undecryptable, identity, undecryptable)) {
    yield put(callActions.e2eeParticipantUndecryptable({ identity, undecryptable }));
  }
}

/** Our own encryption broke on a Room that carries the call: fail (one alert), then the supervisor closes it. */
function* breach(ctx: ControllerContext, room: CallRoom, reason: string) {
  releaseRoomE2EE(room); // once per Room
  yield call(failCall, ctx, 'e2ee', e2eeStateError('e2ee-failed', `end-to-end encryption failed for our own tracks: ${reason}`));
  yield put(callActions.e2eeBreached({ reason }));
}

function* onSignal(ctx: ControllerContext, room: CallRoom, signal: E2EESignal) {
  if (signal.type === 'left') {
    yield call(setUndecryptable, signal.identity, false);
  } else if (signal.type === 'ended') {
    yield call(setEncrypted, false);
  } else if (!signal.ours) {
    yield call(setUndecryptable, signal.identity, signal.type === 'error' || !signal.encrypted);
  } else if (signal.type === 'status') {
    yield call(setEncrypted, signal.encrypted);
    if (!signal.encrypted && isHandedOver(room)) yield call(breach, ctx, room, 'encryption was turned off');
  } else if (isHandedOver(room)) {
    // Before the hand-over the connect itself fails on it (connect-encrypted.ts).
    yield call(breach, ctx, room, `the E2EE worker reported ${signal.description}`);
  }
}

function* keepConfigured() {
  yield put(callActions.e2eeConfigured());
  // `join` starts the call's state afresh.
  yield takeEvery(callActions.join.type, function* () {
    const state: CallState = yield select(selectCall);
    if (!state.e2ee.configured) yield put(callActions.e2eeConfigured());
  });
}

/**
 * Follows the Room in use (ctx.rooms): puts the E2EE facts (`encrypted`, `undecryptable`) as
 * transitions and fails the call when our own encryption breaks on a Room that carries it.
 * Nothing at all without `e2ee`.
 */
export function* e2eeSaga(ctx: ControllerContext) {
  if (!ctx.options.e2ee) return;
  yield fork(keepConfigured);
  const held = holderChannel(ctx.rooms);
  let room: CallRoom | undefined;
  let signals: EventChannel<E2EESignal> | undefined;
  try {
    for (;;) {
      const next: { changed?: Held; signal?: E2EESignal; letGo?: unknown } = yield race({
        changed: take(held),
        letGo: take(LET_GO),
        ...(signals ? { signal: take(signals) } : {}),
      });
      if (next.changed) {
        signals?.close();
        if (room) releaseRoomE2EE(room);
        room = next.changed.room;
        signals = room ? e2eeChannel(room) : undefined;
        const state: CallState = yield select(selectCall);
        if (state.e2ee.encrypted || state.e2ee.undecryptable.length > 0) yield put(callActions.e2eeRoomChanged());
      } else if (next.letGo) {
        if (room) releaseRoomE2EE(room);
        yield call(setEncrypted, false);
      } else if (next.signal && room && (next.signal.type === 'ended' || !isRoomReleased(room))) {
        yield call(onSignal, ctx, room, next.signal);
      }
    }
  } finally {
    signals?.close();
    held.close();
  }
}
