import { call, cancelled } from 'redux-saga/effects';
import type { CallErrorCode, CallStateError } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { classifyCallError, isPermanentRefusal, isTokenRejection } from '../errors/classify';
import { errorMessage } from '../errors/redact';
import { noteNegotiationError } from '../negotiation/negotiation-saga';
import { connectEncrypted } from '../e2ee/connect-encrypted';
import { e2eeStateError, isE2EEFailure, isE2EEUnsupported } from '../e2ee/e2ee-policy';
import { asTokenError, fetchCredentialsWithRetry } from '../token/fetch-credentials';
import type { Credentials } from '../token/credentials';
import { isUnreachable } from './reachability';
import { closeRoom, openRoom, type LiveRoom } from './room-lifecycle';

export type ConnectOutcome =
  | { ok: true; live: LiveRoom }
  /** `unreachable`: nobody answered (retried on a short schedule); otherwise the server answered "no". */
  | { ok: false; permanent: boolean; unreachable: boolean; error: CallStateError };

/** The `failed` reason for a connect that will never work. */
export const refusalReason = (error: CallStateError): string =>
  error.code === 'room-create-failed' || error.code === 'e2ee-unsupported' ? 'create-room' : error.code === 'e2ee-failed' ? 'e2ee' : 'connect-refused';

function connectError(error: unknown, code: CallErrorCode): CallStateError {
  return { kind: classifyCallError(error).kind, code, message: errorMessage(error), at: Date.now() };
}

function* attempt(ctx: ControllerContext, credentials: Credentials) {
  let live: LiveRoom;
  try {
    live = yield call(openRoom, ctx);
  } catch (error) {
    // `new Room({ e2ee })` throws DeviceUnsupportedError where encryption is missing: no retry fixes that.
    return { error, unbuildable: true };
  }
  let settled = false;
  try {
    // With `e2ee`: encryption on before connect, confirmed after it, or an E2EEFailure.
    yield call(connectEncrypted, ctx, live.room, () => live.room.connect(credentials.serverUrl, credentials.token, ctx.options.connectOptions));
    [live.sdkToken, live.sdkTokenExp] = [credentials.life, credentials.expiresAt];
    settled = true;
    return { live };
  } catch (error) {
    settled = true;
    yield call(closeRoom, ctx, live, false);
    return { error };
  } finally {
    // `leave` while connecting cancels us here: the half-connected Room must not linger.
    const abandoned: boolean = !settled && (yield cancelled());
    if (abandoned) yield call(closeRoom, ctx, live, true);
  }
}

/**
 * New Room + connect. A 401 for an expired/invalid token gets exactly one fresh token and an
 * immediate retry; a second refusal, or a refusal no token can fix, is permanent.
 */
export function* connectRoom(ctx: ControllerContext, credentials: Credentials) {
  let creds = credentials;
  for (let tokenRetry = 0; ; tokenRetry++) {
    const result: { live?: LiveRoom; error?: unknown; unbuildable?: boolean } = yield call(attempt, ctx, creds);
    if (result.live) return { ok: true, live: result.live } as ConnectOutcome;
    const { error } = result;
    if (result.unbuildable) {
      const unsupported = ctx.options.e2ee && isE2EEUnsupported(error);
      const stateError = unsupported ? e2eeStateError('e2ee-unsupported', 'this browser cannot encrypt media end to end (DeviceUnsupportedError)') : connectError(error, 'room-create-failed');
      return { ok: false, permanent: true, unreachable: false, error: stateError } as ConnectOutcome;
    }
    if (isE2EEFailure(error)) return { ok: false, permanent: true, unreachable: false, error: error.stateError } as ConnectOutcome; // fail closed: no retry
    if (classifyCallError(error).kind === 'negotiation') yield call(noteNegotiationError, ctx, 'connect');
    if (isPermanentRefusal(error)) {
      return { ok: false, permanent: true, unreachable: false, error: connectError(error, 'connect-refused') } as ConnectOutcome;
    }
    if (isTokenRejection(error)) {
      if (tokenRetry >= 1) {
        return { ok: false, permanent: true, unreachable: false, error: connectError(error, 'connect-refused') } as ConnectOutcome;
      }
      ctx.logger.info('[redux-livekit-call] server refused the token; fetching a fresh one and retrying once');
      try {
        creds = yield call(fetchCredentialsWithRetry, ctx, true);
      } catch (tokenError) {
        const typed = asTokenError(tokenError);
        const stateError: CallStateError = { kind: typed.kind, code: typed.code, message: typed.message, at: Date.now() };
        return { ok: false, permanent: !typed.retryable, unreachable: typed.retryable, error: stateError } as ConnectOutcome;
      }
      continue;
    }
    return { ok: false, permanent: false, unreachable: isUnreachable(error), error: connectError(error, 'connect-failed') } as ConnectOutcome;
  }
}
