import { call, delay, put, race, take } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { callClockNow } from '../clock/call-clock';
import type { ControllerContext } from '../controller/context';
import { asTokenError, fetchCredentials } from './fetch-credentials';
import { isRefreshDue, refreshDelayMs, refreshRetryDelayMs, type RefreshTimingInput } from './refresh-policy';
import { lifeEndsAt } from './token-clock';

/** The stored token's timing on the monotonic clock: a wall-clock step or skew moves nothing. */
function timingOf(ctx: ControllerContext): RefreshTimingInput | undefined {
  const life = ctx.credentials.get()?.life;
  if (!life) return undefined;
  return { now: callClockNow(), issuedAt: life.receivedAt, expiresAt: lifeEndsAt(life), leadMs: ctx.options.refreshLeadMs };
}

/**
 * Keeps a fresh token in the credential store for the next connect. No reconnect, no Room change:
 * the SDK keeps the server's own refresh token for its resumes; ours waits for a controlled reconnect.
 * Failures back off and retry while the call goes on.
 */
export function* tokenRefreshSaga(ctx: ControllerContext) {
  let failures = 0;
  for (;;) {
    const timing = timingOf(ctx);
    if (!timing) {
      yield take(callActions.tokenReceived.type);
      continue;
    }
    const waitMs = failures === 0 ? refreshDelayMs(timing) : refreshRetryDelayMs(failures, timing.expiresAt - timing.now);
    const { newer, nudge } = yield race({
      due: delay(waitMs),
      newer: take(callActions.tokenReceived.type),
      // A wake from sleep or a return online asks for an early check (see wake-saga).
      nudge: take(callActions.tokenCheckRequested.type),
    });
    if (newer) {
      failures = 0;
      continue;
    }
    if (nudge && failures === 0 && !isRefreshDue({ ...timing, now: callClockNow() })) continue;
    try {
      yield call(fetchCredentials, ctx, true);
      failures = 0;
    } catch (error) {
      failures += 1;
      const tokenError = asTokenError(error);
      const retryInMs = refreshRetryDelayMs(failures, timing.expiresAt - callClockNow());
      ctx.logger.warn(`[redux-livekit-call] token refresh failed (${failures}): ${tokenError.message}`);
      yield put(
        callActions.tokenRefreshFailed({
          error: { kind: tokenError.kind, code: 'token-refresh-failed', message: tokenError.message, at: Date.now() },
          failures,
          retryInMs,
        }),
      );
    }
  }
}
