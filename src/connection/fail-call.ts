import { call, put } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import type { CallStateError } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { asTokenError } from '../token/fetch-credentials';

/** Ends the call with `failed`, a typed error in state and one alert. */
export function* failCall(ctx: ControllerContext, reason: string, error: CallStateError) {
  ctx.logger.error(`[redux-livekit-call] call failed (${reason}): ${error.message}`);
  yield put(callActions.failed({ reason, error }));
  ctx.alert(error.kind, `call failed (${reason}): ${error.message}`);
}

export const tokenErrorToState = (error: unknown): CallStateError => {
  const e = asTokenError(error);
  return { kind: e.kind, code: e.code, message: e.message, at: Date.now() };
};

/** A token failure that no retry will fix ends the call; others are the caller's to retry. */
export function* noteTokenFailure(ctx: ControllerContext, error: unknown) {
  const stateError = tokenErrorToState(error);
  yield put(callActions.errorOccurred(stateError));
  if (asTokenError(error).retryable) return true;
  yield call(failCall, ctx, 'token', stateError);
  return false;
}
