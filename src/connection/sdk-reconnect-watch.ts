import type { EventChannel } from 'redux-saga';
import { delay, put, race, select, take } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCallStatus } from '../call/selectors';
import type { CallStatus } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { callClockNow } from '../clock/call-clock';
import { lifeEndsAt } from '../token/token-clock';
import { SDK_ATTEMPT_STALL_MS, sdkReconnectVerdict } from './reconnect-policy';
import type { LiveRoom } from './room-lifecycle';
import { sdkAttemptChannel, type SdkAttemptEvent } from './sdk-attempt-tap';

export const SDK_RECONNECT_CHECK_MS = 1_000;

/**
 * Watches the SDK's own resumes and restarts. When one can no longer succeed (its token will be
 * refused), hangs past `sdkReconnectTimeoutMs`, or its current attempt is stuck before opening a
 * WebSocket (`SDK_ATTEMPT_STALL_MS`), it asks for a controlled reconnect, which starts as soon as
 * the token endpoint answers. A wake or a return online asks for an immediate look.
 */
export function* sdkReconnectWatch(live: LiveRoom, ctx: ControllerContext) {
  const attempts: EventChannel<SdkAttemptEvent> = sdkAttemptChannel(live.room);
  let since: number | undefined;
  // When the SDK's latest resume attempt began, until it opens its WebSocket; judged only once
  // this Room has been heard opening one (its lines are audible at the SDK's log level).
  let waitingSince: number | undefined;
  let opensHeard = false;
  const note = (event: SdkAttemptEvent | undefined) => {
    if (event === 'signal-connecting') opensHeard = true;
    if (event) waitingSince = event === 'resume-attempt' ? callClockNow() : undefined;
  };
  try {
    for (;;) {
      const status: CallStatus = yield select(selectCallStatus);
      if (status !== 'reconnecting') {
        if (since !== undefined) since = waitingSince = undefined;
        const { attempt } = yield race({ go: take([callActions.sdkReconnecting.type, callActions.tokenCheckRequested.type]), attempt: take(attempts) });
        note(attempt as SdkAttemptEvent | undefined);
        continue;
      }
      const now = callClockNow();
      since ??= now;
      const reason = sdkReconnectVerdict({ now, since, sdkTokenExpiresAt: lifeEndsAt(live.sdkToken), timeoutMs: ctx.options.sdkReconnectTimeoutMs, attemptWaitingSince: opensHeard ? waitingSince : undefined });
      if (reason) {
        yield put(callActions.reconnectRequested({ reason }));
        return;
      }
      const wait = waitingSince === undefined || !opensHeard ? SDK_RECONNECT_CHECK_MS : Math.min(SDK_RECONNECT_CHECK_MS, Math.max(0, waitingSince + SDK_ATTEMPT_STALL_MS - now));
      const { attempt } = yield race({ tick: delay(wait), check: take(callActions.tokenCheckRequested.type), back: take(callActions.sdkReconnected.type), attempt: take(attempts) });
      note(attempt as SdkAttemptEvent | undefined);
    }
  } finally {
    attempts.close();
  }
}
