import { call, delay, put, race, select, take } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { asTokenError, fetchCredentials } from './fetch-credentials';
import { isRefreshDue, refreshDelayMs, refreshRetryDelayMs } from './refresh-policy';

/**
 * Keeps a fresh token in the credential store for the next connect. No reconnect, no Room change:
 * the SDK keeps the server's own refresh token for its resumes; ours waits for a controlled reconnect.
 * Failures back off and retry while the call goes on.
 */
export function* tokenRefreshSaga(ctx: ControllerContext) {
  let failures = 0;
  for (;;) {
    const state: CallState = yield select(selectCall);
    if (state.tokenExpiresAt === null || state.tokenIssuedAt === null) {
      yield take(callActions.tokenReceived.type);
      continue;
    }
    const now = Date.now();
    const waitMs =
      failures === 0
        ? refreshDelayMs({ now, issuedAt: state.tokenIssuedAt, expiresAt: state.tokenExpiresAt, leadMs: ctx.options.refreshLeadMs })
        : refreshRetryDelayMs(failures, state.tokenExpiresAt - now);
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
    const timing = { now: Date.now(), issuedAt: state.tokenIssuedAt, expiresAt: state.tokenExpiresAt, leadMs: ctx.options.refreshLeadMs };
    if (nudge && failures === 0 && !isRefreshDue(timing)) continue;
    try {
      yield call(fetchCredentials, ctx, true);
      failures = 0;
    } catch (error) {
      failures += 1;
      const tokenError = asTokenError(error);
      const retryInMs = refreshRetryDelayMs(failures, (state.tokenExpiresAt ?? 0) - Date.now());
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
