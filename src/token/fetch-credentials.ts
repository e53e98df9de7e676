import { call, delay, put, race, select, take } from 'redux-saga/effects';
import type { TokenSourceResponseObject } from 'livekit-client';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState, TokenInfo } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { errorMessage } from '../errors/redact';
import { readTokenInfo } from './read-token';
import { requestToken } from './request-token';
import { tokenLife } from './token-clock';
import { CallTokenError } from './token-error';
import type { Credentials } from './credentials';

/** Same identity on every fetch after the first: a guest keeps the one the server gave. */
export function tokenFetchOptions(call: Pick<CallState, 'roomName' | 'participantName' | 'identity'>) {
  return {
    roomName: call.roomName ?? undefined,
    ...(call.participantName ? { participantName: call.participantName } : {}),
    ...(call.identity ? { participantIdentity: call.identity } : {}),
  };
}

/** Turns whatever the token source answered into credentials, or a typed error. */
export function validateTokenResponse(response: unknown, now: number): { credentials: Credentials; info: TokenInfo } {
  const body = (response ?? {}) as Partial<TokenSourceResponseObject>;
  const serverUrl = typeof body.serverUrl === 'string' ? body.serverUrl.trim() : '';
  const token = typeof body.participantToken === 'string' ? body.participantToken.trim() : '';
  if (!serverUrl || !/^(wss?|https?):\/\//i.test(serverUrl)) {
    throw new CallTokenError('token-source-invalid-response', 'unknown', 'the token source returned no usable serverUrl', false);
  }
  if (!token) {
    throw new CallTokenError('token-source-invalid-response', 'not-allowed', 'the token source returned no participantToken', false);
  }
  const info = readTokenInfo(token, now);
  return { credentials: { serverUrl, token, expiresAt: info.expiresAt, life: tokenLife(info.lifetimeMs) }, info };
}

function asTokenError(error: unknown): CallTokenError {
  if (error instanceof CallTokenError) return error;
  // 503s, HTML bodies (JSON parse errors), fetch TypeErrors: the endpoint is a network dependency.
  return new CallTokenError('token-source-failed', 'network', `token source failed: ${errorMessage(error)}`, true);
}

/**
 * One fetch from the token source, bounded by `tokenFetchTimeoutMs`, and by `abandonOn` (e.g. the
 * network coming back while a request hangs). An abandoned request is aborted where the source
 * allows it and never holds up the next (request-token.ts). On success the credentials are stored
 * and `tokenReceived` (exp, identity, room: never the token) is recorded.
 */
export function* fetchCredentials(ctx: ControllerContext, force: boolean, abandonOn?: string) {
  const state: CallState = yield select(selectCall);
  const options = tokenFetchOptions(state);
  const { tokenSource, tokenFetchTimeoutMs } = ctx.options;
  const abort = new AbortController();
  let result: { response?: TokenSourceResponseObject; timeout?: true; abandoned?: unknown };
  try {
    result = yield race({
      response: call(requestToken, tokenSource, options, force, abort.signal),
      timeout: delay(tokenFetchTimeoutMs),
      ...(abandonOn ? { abandoned: take(abandonOn) } : {}),
    });
  } catch (error) {
    throw asTokenError(error);
  } finally {
    abort.abort(); // settled or not, nobody waits for this request any more
  }
  if (result.timeout) {
    throw new CallTokenError('token-source-timeout', 'network', `token source did not answer within ${tokenFetchTimeoutMs} ms`, true);
  }
  if (result.abandoned) {
    throw new CallTokenError('token-source-timeout', 'network', 'token request abandoned: the network came back, asking again', true);
  }
  const { credentials, info } = validateTokenResponse(result.response, Date.now());
  if (state.identity && info.identity !== state.identity) {
    ctx.logger.warn(`[redux-livekit-call] token source changed identity from ${state.identity} to ${info.identity}`);
  }
  ctx.credentials.set(credentials);
  yield put(callActions.tokenReceived({ ...info, refreshed: force }));
  return credentials;
}

/** Backoff between token fetch tries on the join path: 1 s, 2 s, 4 s. */
export const tokenRetryDelayMs = (tryIndex: number): number => Math.min(8_000, 1_000 * 2 ** tryIndex);

/** Fetches with retries for transient failures; throws the last typed error. */
export function* fetchCredentialsWithRetry(ctx: ControllerContext, force: boolean, tries = 3, delayFor = tokenRetryDelayMs) {
  for (let i = 0; ; i++) {
    try {
      const credentials: Credentials = yield call(fetchCredentials, ctx, force);
      return credentials;
    } catch (error) {
      const tokenError = asTokenError(error);
      if (!tokenError.retryable || i >= tries - 1) throw tokenError;
      ctx.logger.warn(`[redux-livekit-call] ${tokenError.message}; retrying`);
      yield delay(delayFor(i));
    }
  }
}

export { asTokenError };
