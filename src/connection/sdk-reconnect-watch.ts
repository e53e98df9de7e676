import { call, cancel, delay, fork, put, race, select, take } from 'redux-saga/effects';
import type { Task } from 'redux-saga';
import { callActions } from '../call/slice';
import { selectCallStatus } from '../call/selectors';
import type { CallStatus } from '../call/types';
import { callClockNow } from '../clock/call-clock';
import type { ControllerContext } from '../controller/context';
import { lifeEndsAt } from '../token/token-clock';
import { sdkReconnectVerdict } from './reconnect-policy';
import { serverAnswersAgain } from './retry-wait';
import type { LiveRoom } from './room-lifecycle';
import { resumeSdkNow } from './sdk-resume-now';

export const SDK_RECONNECT_CHECK_MS = 1_000;

/** While the SDK resumes: each time the server answers again, its next attempt starts at once. */
function* resumeWhenReachable(ctx: ControllerContext, live: LiveRoom) {
  const probe = ctx.options.reachabilityProbe;
  const serverUrl = ctx.credentials.get()?.serverUrl;
  if (!probe || !serverUrl) return;
  for (;;) {
    yield call(serverAnswersAgain, probe, serverUrl);
    if (resumeSdkNow(live.room)) ctx.logger.info('[redux-livekit-call] server reachable again: resuming now');
  }
}

/**
 * Watches the SDK's own resumes and restarts. When one can no longer succeed (its token will be
 * refused) or hangs past `sdkReconnectTimeoutMs`, it asks for a controlled reconnect, which starts
 * as soon as the token endpoint answers. A wake or a return online asks for an immediate look.
 */
export function* sdkReconnectWatch(live: LiveRoom, ctx: ControllerContext) {
  let since: number | undefined;
  let nudger: Task | undefined;
  try {
    for (;;) {
      const status: CallStatus = yield select(selectCallStatus);
      if (status !== 'reconnecting') {
        since = undefined;
        if (nudger) yield cancel(nudger);
        nudger = undefined;
        yield take([callActions.sdkReconnecting.type, callActions.tokenCheckRequested.type]);
        continue;
      }
      const now = callClockNow();
      since ??= now;
      nudger ??= yield fork(resumeWhenReachable, ctx, live);
      const reason = sdkReconnectVerdict({ now, since, sdkTokenExpiresAt: lifeEndsAt(live.sdkToken), timeoutMs: ctx.options.sdkReconnectTimeoutMs });
      if (reason) {
        yield put(callActions.reconnectRequested({ reason }));
        return;
      }
      yield race({ tick: delay(SDK_RECONNECT_CHECK_MS), check: take(callActions.tokenCheckRequested.type), back: take(callActions.sdkReconnected.type) });
    }
  } finally {
    if (nudger) yield cancel(nudger);
  }
}
