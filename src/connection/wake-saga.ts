import { eventChannel, type EventChannel } from 'redux-saga';
import { all, call, delay, put, take } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { markClocks, noteSleepSince } from '../clock/call-clock';
import { WAKE_JUMP_THRESHOLD_MS, WAKE_TICK_MS, clockJump } from './wake-policy';

type Target = { addEventListener?: (type: string, fn: () => void) => void; removeEventListener?: (type: string, fn: () => void) => void };

/** `online` and "visible again" from the browser; nothing in environments without them. */
function browserWakeChannel(): EventChannel<string> | undefined {
  const win = globalThis as unknown as Target;
  const doc = (globalThis as { document?: Target & { visibilityState?: string } }).document;
  if (typeof win.addEventListener !== 'function') return undefined;
  return eventChannel<string>((emit) => {
    const online = () => emit('online');
    const visible = () => {
      if (doc?.visibilityState === 'visible') emit('visible');
    };
    win.addEventListener?.('online', online);
    doc?.addEventListener?.('visibilitychange', visible);
    return () => {
      win.removeEventListener?.('online', online);
      doc?.removeEventListener?.('visibilitychange', visible);
    };
  });
}

/**
 * A timer that fires far later than scheduled by the wall clock: the laptop slept (or the clock was
 * stepped forward). The sleep is added to the call clock, so tokens age through it.
 */
function* clockJumpWatcher() {
  for (;;) {
    const mark = markClocks();
    yield delay(WAKE_TICK_MS);
    noteSleepSince(mark, WAKE_JUMP_THRESHOLD_MS);
    const jump = clockJump(mark.wall, Date.now());
    if (jump > 0) yield put(callActions.tokenCheckRequested({ cause: `clock-jump: ${Math.round(jump / 1000)} s` }));
  }
}

function* browserSignalWatcher() {
  const channel = browserWakeChannel();
  if (!channel) return;
  try {
    for (;;) {
      const cause: string = yield take(channel);
      yield put(callActions.tokenCheckRequested({ cause }));
    }
  } finally {
    channel.close();
  }
}

/** Wake, back online, visible again: each asks the refresh saga and the stale-token watch to look now. */
export function* wakeSaga() {
  yield all([call(clockJumpWatcher), call(browserSignalWatcher)]);
}
