import { call, delay, put, race, take } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { callClockNow } from '../clock/call-clock';
import type { ControllerContext } from '../controller/context';
import { failCall } from './fail-call';
import { outageBudgetSpent, unreachableRetryDelayMs } from './reconnect-policy';
import type { ReachabilityProbe } from './reachability';
import { FIREFOX_GATED_FALLBACK_MS, delaysFailedWebSockets } from './firefox-defaults';

/** How often the reachability probe looks while the server does not answer. */
export const PROBE_INTERVAL_MS = 250;

/**
 * Returns once the probe has seen the server not answer and then answer again. A server that
 * always answers (the token endpoint is what is down) never ends this: retries keep their pace.
 */
export function* serverAnswersAgain(probe: ReachabilityProbe, serverUrl: string) {
  let sawItDown = false;
  for (;;) {
    const { answer } = yield race({ answer: call(probe, serverUrl), slow: delay(PROBE_INTERVAL_MS * 4) });
    if (answer === true && sawItDown) return;
    if (answer !== true) sawItDown = true;
    yield delay(PROBE_INTERVAL_MS);
  }
}

/**
 * With a probe, a connect to a server that did not answer waits for it to answer (or this long;
 * longer where each failed WebSocket holds the next one back: firefox-defaults.ts).
 */
export const GATED_RETRY_FALLBACK_MS = delaysFailedWebSockets() ? FIREFOX_GATED_FALLBACK_MS : 10_000;

/**
 * Between two tries to reach a server or token endpoint that did not answer: the short jittered
 * schedule, cut short by the browser going online, the page becoming visible, or the probe
 * seeing the server answer again. A connect (`gated`) waits for the probe instead of the schedule
 * when there is one: a WebSocket that fails costs more than its own time in Chromium (see
 * sdk-reconnect-policy.ts), a HEAD does not. Once `reconnectGiveUpMs` has passed since
 * `startedAt` the call ends `failed` (`reconnect-timeout`) and this returns false.
 */
export function* waitToRetry(ctx: ControllerContext, retry: number, startedAt: number, lastReason: string, gated = false) {
  const { reconnectGiveUpMs, reachabilityProbe } = ctx.options;
  if (outageBudgetSpent(startedAt, callClockNow(), reconnectGiveUpMs)) {
    const seconds = Math.round(reconnectGiveUpMs / 1000);
    const message = `could not reach the server or the token endpoint for ${seconds} s (last: ${lastReason})`;
    yield call(failCall, ctx, 'reconnect-timeout', { kind: 'network', code: 'reconnect-timeout', message, at: Date.now() });
    return false;
  }
  const serverUrl = ctx.credentials.get()?.serverUrl;
  const probing = Boolean(reachabilityProbe && serverUrl);
  const delayMs = gated && probing ? GATED_RETRY_FALLBACK_MS : unreachableRetryDelayMs(retry);
  yield put(callActions.reconnectRetryScheduled({ retry: retry + 1, delayMs }));
  yield race({
    due: delay(delayMs),
    nudge: take(callActions.tokenCheckRequested.type),
    ...(probing && (gated || delayMs > PROBE_INTERVAL_MS) ? { back: call(serverAnswersAgain, reachabilityProbe!, serverUrl!) } : {}),
  });
  return true;
}
