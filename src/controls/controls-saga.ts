import { buffers, channel, eventChannel, type Channel, type EventChannel } from 'redux-saga';
import { call, fork, put, take, takeLatest } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { MEDIA_SOURCES, type MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { controlSignals, type ControlSignal, type RoutedToggle } from './control-signals';
import { serveWish } from './serve-wish';
import { adoptToggleProcessor } from '../media-setup/adopt-processor';

type Calls = Record<MediaSourceName, Channel<RoutedToggle>>;

/** One wish at a time per source; calls that come while one is served join it. */
function* serveSource(ctx: ControllerContext, source: MediaSourceName, calls: Channel<RoutedToggle>) {
  for (;;) {
    const first: RoutedToggle = yield take(calls);
    yield call(serveWish, ctx, source, calls, first);
  }
}

/** The Room in use has its toggles and disconnect routed here until it is replaced or the call ends. */
function* followRoom(ctx: ControllerContext, calls: Calls, room: CallRoom | undefined) {
  if (!room) return;
  const signals = controlSignals(room, ctx);
  try {
    for (;;) {
      const signal: ControlSignal = yield take(signals);
      // ControlBar's leave button: the same end as `callActions.leave()` (refresh stopped, no reconnect).
      if (signal.type === 'leave') yield put(callActions.leave());
      else {
        // A processor in the caller's options is the call's from now on (also for a capture moved meanwhile).
        if (signal.toggle.wanted) yield call(adoptToggleProcessor, ctx, signal.toggle.source);
        yield put(calls[signal.toggle.source], signal.toggle);
      }
    }
  } finally {
    signals.close();
  }
}

/**
 * LiveKit's own UI (TrackToggle, ControlBar, VideoConference, MediaDeviceMenu) and app code that
 * calls the SDK take the controller's path: toggles become `callActions.toggle*` wishes, the leave
 * button becomes `callActions.leave()` (devices/ routes `switchActiveDevice` the same way).
 */
export function* controlsSaga(ctx: ControllerContext) {
  const calls = Object.fromEntries(MEDIA_SOURCES.map((s) => [s, channel<RoutedToggle>(buffers.expanding(4))])) as Calls;
  for (const source of MEDIA_SOURCES) yield fork(serveSource, ctx, source, calls[source]);
  const rooms: EventChannel<{ room: CallRoom | undefined }> = eventChannel((emit) => ctx.rooms.subscribe((room) => emit({ room })));
  yield takeLatest(rooms, function* ({ room }: { room: CallRoom | undefined }) {
    yield call(followRoom, ctx, calls, room);
  });
}
