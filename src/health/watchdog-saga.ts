import { call, delay, put, select } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState } from '../call/types';
import { callClockNow } from '../clock/call-clock';
import type { ControllerContext } from '../controller/context';
import { classifyCallError } from '../errors/classify';
import { errorMessage } from '../errors/redact';
import { restartCamera, resubscribe } from './remedies';
import { sampleRoomMedia, type WatchableRoom } from './room-media';
import { cameraGone, createWatchdogMemory, forgottenIdentities, holdAll, stepWatchdog, type TrackSample, type Verdict, type WatchdogMemory } from './watchdog-policy';

const pageHidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

const ref = (s: TrackSample) => ({ scope: s.scope, identity: s.identity, trackSid: s.trackSid, at: Date.now() });

function* remedy(ctx: ControllerContext, room: WatchableRoom, sample: TrackSample) {
  if (sample.scope === 'remote') {
    const done: boolean = yield call(resubscribe, room, sample);
    if (done) yield put(callActions.mediaResubscribed(ref(sample)));
    return;
  }
  try {
    const done: boolean = yield call(restartCamera, room);
    if (done) yield put(callActions.localTrackRestarted({ ...ref(sample), source: sample.source }));
  } catch (error) {
    // The camera is gone or refused: the same fact a toggle would record; the next step may reconnect.
    const message = errorMessage(error);
    ctx.logger.warn(`[redux-livekit-call] restarting the silent camera failed: ${message}`);
    yield put(callActions.errorOccurred({ kind: classifyCallError(error).kind, code: 'sdk-error', message, at: Date.now() }));
  }
}

function* act(ctx: ControllerContext, room: WatchableRoom, verdict: Verdict) {
  const { sample } = verdict;
  const who = `${sample.scope} ${sample.source} of ${sample.identity}`;
  switch (verdict.type) {
    case 'stale':
      ctx.logger.warn(`[redux-livekit-call] ${who} shows nothing for ${verdict.silentForMs} ms while connected`);
      yield put(callActions.mediaStale({ ...ref(sample), source: sample.source, silentForMs: verdict.silentForMs }));
      return;
    case 'remedy':
      yield call(remedy, ctx, room, sample);
      return;
    case 'escalate':
      ctx.logger.warn(`[redux-livekit-call] ${who} still shows nothing: controlled reconnect`);
      yield put(callActions.mediaReconnectRequested(ref(sample)));
      yield put(callActions.reconnectRequested({ reason: `media-stale: ${sample.scope} ${sample.identity}` }));
      return;
    case 'recovered':
      yield put(callActions.mediaRecovered({ ...ref(sample), by: verdict.by }));
  }
}

/** Entries of participants that left (or stopped publishing a camera), and of our camera once off, are dropped. */
function* forgetGone(memory: WatchdogMemory) {
  const { mediaHealth, identity }: CallState = yield select(selectCall);
  if (mediaHealth.camera && cameraGone(memory)) yield put(callActions.mediaHealthForgotten({ identity: identity ?? '', scope: 'local' }));
  const flagged = Object.keys(mediaHealth.remote);
  if (flagged.length === 0) return;
  for (const gone of forgottenIdentities(flagged, memory)) yield put(callActions.mediaHealthForgotten({ identity: gone }));
}

/**
 * Media that says connected but shows nothing: every `mediaSampleMs` one `getStats` a watched
 * track (remote cameras, our camera), only while connected and visible. Healthy tracks cost no
 * dispatch; see watchdog-policy.ts for the steps.
 */
export function* mediaWatchdogSaga(ctx: ControllerContext) {
  const { mediaWatchdog, mediaSampleMs, staleMediaMs, mediaReconnectCooldownMs } = ctx.options;
  if (!mediaWatchdog) return;
  const memory = createWatchdogMemory();
  const limits = { staleMs: staleMediaMs, reconnectCooldownMs: mediaReconnectCooldownMs };
  let watched: unknown;
  for (;;) {
    yield delay(mediaSampleMs);
    const room = ctx.rooms.get() as unknown as WatchableRoom | undefined;
    const state: CallState = yield select(selectCall);
    if (state.status !== 'connected' || !room || pageHidden() || room !== watched) {
      // Time not connected, hidden or settling into a new Room is not silence.
      holdAll(memory, callClockNow());
      watched = state.status === 'connected' ? room : undefined;
      continue;
    }
    const samples: TrackSample[] = yield call(sampleRoomMedia, room);
    const after: CallState = yield select(selectCall); // the Room may have gone while stats were read
    if (ctx.rooms.get() !== (room as unknown) || after.status !== 'connected') continue;
    for (const verdict of stepWatchdog(memory, samples, callClockNow(), limits)) yield call(act, ctx, room, verdict);
    yield call(forgetGone, memory);
  }
}
