import { put, select } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { expectNoise } from '../errors/expected-noise';
import { shouldFallBackToStable } from './window-policy';

export const FALLBACK_REASON = 'negotiation-errors';

/**
 * Records one NegotiationError (from a toggle, an SDK event or our own connect). Crossing the
 * threshold inside the window switches to `stable` and asks for one controlled reconnect.
 */
export function* noteNegotiationError(ctx: ControllerContext, origin: string) {
  const at = Date.now();
  const { negotiationWindowMs: windowMs, negotiationThreshold: threshold } = ctx.options;
  // The SDK (and we) are recovering from it: keep its echoes out of alerts for a while.
  expectNoise('negotiation', windowMs);
  yield put(callActions.negotiationErrorSeen({ at, origin, windowMs }));
  const state: CallState = yield select(selectCall);
  if (!shouldFallBackToStable({ timestamps: state.negotiationErrors, now: at, windowMs, threshold, profile: state.videoProfile })) {
    return false;
  }
  const reason = `${FALLBACK_REASON}: ${state.negotiationErrors.length} within ${windowMs} ms`;
  ctx.logger.warn(`[redux-livekit-call] switching to the stable video profile (${reason})`);
  yield put(callActions.profileChanged({ profile: 'stable', reason, at }));
  yield put(callActions.reconnectRequested({ reason: `video-profile: stable (${FALLBACK_REASON})` }));
  return true;
}
