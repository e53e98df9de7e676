import { call, delay, put, race, select, take } from 'redux-saga/effects';
import type { EventChannel } from 'redux-saga';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { e2eeChannel, type E2EESignal } from './e2ee-events';
import { describeE2EEError, E2EEFailure, e2eeStateError } from './e2ee-policy';

/** How long the E2EE worker may take to confirm that our encryption is on (it answers within milliseconds). */
export const E2EE_CONFIRM_TIMEOUT_MS = 10_000;

/** What livekit-client's Room has for E2EE beyond the controller's surface. */
interface EncryptingRoom extends CallRoom {
  setE2EEEnabled(enabled: boolean): Promise<void>;
  readonly isE2EEEnabled: boolean;
}

const handedOver = new WeakSet<object>();
/** The Room's encryption was confirmed and the Room went to the session: its own E2EE errors now end the call. */
export const isHandedOver = (room: object): boolean => handedOver.has(room);

const failure = (why: string) => new E2EEFailure(e2eeStateError('e2ee-failed', `end-to-end encryption could not be turned on: ${why}`));

/** The worker's verdict on our own encryption, from the signals buffered since before connect. */
function* ownVerdict(signals: EventChannel<E2EESignal>) {
  for (;;) {
    const signal: E2EESignal = yield take(signals);
    if (signal.type === 'status' && signal.ours && signal.encrypted) return undefined;
    if (signal.type === 'error' && signal.ours) return `the E2EE worker reported ${signal.description}`;
    if (signal.type === 'ended') return 'the Room ended before its encryption was confirmed';
  }
}

function* confirm(room: EncryptingRoom, signals: EventChannel<E2EESignal>) {
  // `setE2EEEnabled` only posts to the worker; `isE2EEEnabled` turns true when the worker answers.
  if (room.isE2EEEnabled) return;
  const { verdict, timeout } = yield race({ verdict: call(ownVerdict, signals), timeout: delay(E2EE_CONFIRM_TIMEOUT_MS) });
  if (timeout) throw failure(`the E2EE worker did not confirm within ${E2EE_CONFIRM_TIMEOUT_MS} ms`);
  if (verdict) throw failure(verdict as string);
}

/**
 * `connect` for a controller with `e2ee`: encryption is asked for BEFORE connect and the worker's
 * confirmation awaited after it, so the Room is handed to the session (which puts `connected`;
 * every publish comes after that) only once its encryption is on. Why before connect: the
 * worker's "encryption on" flag is per identity, shared by every Room on that worker, and on
 * SignalConnected the manager posts `enable(localParticipant.isE2EEEnabled)`; a Room still
 * unencrypted at that moment would switch our identity to plaintext in the worker, also for
 * tracks of the Room it replaces that are still going out. Any failure: E2EEFailure (fail closed).
 */
export function* connectEncrypted(ctx: ControllerContext, room: CallRoom, connect: () => Promise<void>) {
  if (!ctx.options.e2ee) {
    yield call(connect);
    return;
  }
  const encrypting = room as Partial<EncryptingRoom>;
  if (typeof encrypting.setE2EEEnabled !== 'function') throw failure('the Room has no setE2EEEnabled (createRoom must build a livekit-client Room)');
  const signals = e2eeChannel(room); // from now on: an error while connecting is not missed
  try {
    try {
      yield call([room, encrypting.setE2EEEnabled], true);
    } catch (error) {
      throw failure(`setE2EEEnabled(true) failed: ${describeE2EEError(error)}`);
    }
    yield call(connect);
    yield call(confirm, room as EncryptingRoom, signals);
  } finally {
    signals.close();
  }
  handedOver.add(room);
  const state: CallState = yield select(selectCall);
  if (!state.e2ee.encrypted) yield put(callActions.e2eeEncryptionChanged({ encrypted: true }));
}
