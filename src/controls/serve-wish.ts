import type { PayloadAction, UnknownAction } from '@reduxjs/toolkit';
import { buffers, type Channel } from 'redux-saga';
import { actionChannel, call, cancelled, delay, flush, put, race, select, take } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState, CallStateError, MediaSourceName } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { liveEnabled } from '../media/live-media';
import type { RoutedToggle } from './control-signals';
import { CallToggleError } from './toggle-error';
import { failureMessage, nextWishStep, settlesWithFailure, toggleFailureSource, TRACK_SOURCE, type WishView } from './wish-policy';

const TOGGLE = { camera: callActions.toggleCamera, microphone: callActions.toggleMicrophone, screenShare: callActions.toggleScreenShare };
const ENDS: readonly string[] = [callActions.leave.type, callActions.disconnected.type, callActions.failed.type];
const RECOVERIES: readonly string[] = [callActions.connected.type, callActions.sdkReconnected.type];
const STATUS_EDGES: readonly string[] = [
  ...ENDS,
  ...RECOVERIES,
  callActions.sdkReconnecting.type,
  callActions.roomReplacing.type,
  callActions.roomLost.type,
  callActions.reconnectStarted.type,
];
const PER_SOURCE: readonly string[] = [callActions.toggleStarted.type, callActions.toggleSettled.type, callActions.toggleUnlocked.type];

type Action = UnknownAction & { payload?: unknown };
const afterThisDispatch = () => Promise.resolve();

/** The actions that can move a wish on. */
const wakesFor = (source: MediaSourceName) => (a: { type: string }): boolean => {
  const action = a as Action;
  if (STATUS_EDGES.includes(action.type)) return true;
  if (PER_SOURCE.includes(action.type)) return (action.payload as { source?: string })?.source === source;
  if (action.type === callActions.errorOccurred.type) return toggleFailureSource(action.payload as CallStateError) === source;
  return action.type === TOGGLE[source].type || (source === 'screenShare' && action.type === callActions.screenShareBlocked.type);
};

interface Progress {
  wish: boolean;
  tried: boolean;
  recorded: boolean;
  quiet: boolean;
  ended: boolean;
  failure: CallStateError | undefined;
}

function note(p: Progress, action: Action): void {
  if (ENDS.includes(action.type)) p.ended = true;
  else if (RECOVERIES.includes(action.type)) p.quiet = false;
  else if (action.type === callActions.toggleStarted.type && (action as PayloadAction<{ desired: boolean }>).payload.desired === p.wish) {
    p.tried = true;
    p.failure = undefined;
  } else if (action.type === callActions.errorOccurred.type && p.tried) p.failure = action.payload as CallStateError;
}

function viewOf(ctx: ControllerContext, state: CallState, source: MediaSourceName, p: Progress): WishView {
  const room = ctx.rooms.get();
  const media = state.media[source];
  return {
    status: state.status,
    live: room ? liveEnabled(room.localParticipant, source) : false,
    desired: media.desired,
    pending: media.pending,
    anyPending: Object.values(state.media).some((m) => m.pending),
    blocked: source === 'screenShare' && state.media.screenShare.blockedReason === 'needs-gesture',
    ...p,
  };
}

/** What livekit-client's set*Enabled resolves with: the source's publication on the Room in use. */
function publicationOf(ctx: ControllerContext, source: MediaSourceName): unknown {
  const participant = ctx.rooms.get()?.localParticipant as { getTrackPublication?(source: string): unknown } | undefined;
  return participant?.getTrackPublication?.(TRACK_SOURCE[source]);
}

/**
 * One wish of one source, from its first routed call until it is live (or failed, or the call
 * ended). Calls arriving meanwhile join it and the last one's wish wins; all their promises
 * settle together, when the final state is published.
 */
export function* serveWish(ctx: ControllerContext, source: MediaSourceName, calls: Channel<RoutedToggle>, first: RoutedToggle) {
  const wake: Channel<Action> = yield actionChannel(wakesFor(source), buffers.expanding<Action>(16));
  const waiters = [first];
  const p: Progress = { wish: first.wanted, tried: false, recorded: false, quiet: false, ended: false, failure: undefined };
  let settled = false;
  try {
    let woken = false;
    for (;;) {
      if (woken) {
        // A re-apply reacting to the same action takes its lock in that dispatch: after it, we see it.
        yield call(afterThisDispatch);
        for (const action of (yield flush(wake)) as Action[]) note(p, action);
      }
      const state: CallState = yield select(selectCall);
      // Not connected, `desired` is the wish: another toggle recorded meanwhile is the newer one.
      if (p.recorded && state.status !== 'connected') p.wish = state.media[source].desired;
      const view = viewOf(ctx, state, source, p);
      const step = nextWishStep(view);
      if (step === 'settle') {
        settled = true;
        const failure = settlesWithFailure(view.live, p.wish, p.failure) ? p.failure : undefined;
        const publication = publicationOf(ctx, source);
        for (const w of waiters) {
          if (failure) w.reject(new CallToggleError(source, failure.kind, failureMessage(failure)));
          else w.resolve(publication);
        }
        return;
      }
      if (step === 'record' || step === 'apply') {
        if (step === 'record') Object.assign(p, { recorded: true, tried: false, quiet: false });
        yield put(TOGGLE[source](p.wish));
      }
      const { next, action, quiet } = yield race({ next: take(calls), action: take(wake), ...(step === 'wait-quiet' ? { quiet: delay(ctx.options.toggleSettleMs) } : {}) });
      woken = !next;
      if (next) {
        waiters.push(next as RoutedToggle);
        if ((next as RoutedToggle).wanted !== p.wish) Object.assign(p, { wish: (next as RoutedToggle).wanted, tried: false, recorded: false, quiet: false, failure: undefined });
      } else if (action) note(p, action as Action);
      else if (quiet) p.quiet = true;
    }
  } finally {
    wake.close();
    // Cancelled with the controller: nobody is left to apply it, so nobody waits for it either.
    if (!settled && ((yield cancelled()) as boolean)) for (const w of waiters) w.resolve(undefined);
  }
}
