import { delay, put, race, select, take } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCallStatus } from '../call/selectors';
import type { CallStatus } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { sdkReconnectVerdict } from './reconnect-policy';
import type { LiveRoom } from './room-lifecycle';

export const SDK_RECONNECT_CHECK_MS = 1_000;

/**
 * Watches the SDK's own resumes and restarts. When one can no longer succeed (its token will be
 * refused) or hangs past `sdkReconnectTimeoutMs`, it asks for a controlled reconnect, which starts
 * as soon as the token endpoint answers. A wake or a return online asks for an immediate look.
 */
export function* sdkReconnectWatch(live: LiveRoom, ctx: ControllerContext) {
  let since: number | undefined;
  for (;;) {
    const status: CallStatus = yield select(selectCallStatus);
    if (status !== 'reconnecting') {
      since = undefined;
      yield take([callActions.sdkReconnecting.type, callActions.tokenCheckRequested.type]);
      continue;
    }
    // A wall clock set back restarts the measurement instead of stretching it by the jump.
    if (since === undefined || Date.now() < since) since = Date.now();
    const reason = sdkReconnectVerdict({ now: Date.now(), since, sdkTokenExpiresAt: live.sdkTokenExpiresAt, timeoutMs: ctx.options.sdkReconnectTimeoutMs });
    if (reason) {
      yield put(callActions.reconnectRequested({ reason }));
      return;
    }
    yield race({ tick: delay(SDK_RECONNECT_CHECK_MS), check: take(callActions.tokenCheckRequested.type), back: take(callActions.sdkReconnected.type) });
  }
}
