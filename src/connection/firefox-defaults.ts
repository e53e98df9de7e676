// Where Firefox's networking differs enough from Chromium's that the controller's reconnect
// defaults differ too. Both measured in Firefox 153.8 ESR against livekit-server 1.13.5 (e2e).

/**
 * Firefox holds back a WebSocket to a server whose last connects failed (RFC 6455 §7.2.3, pref
 * `network.websocket.delay-failed-reconnects`, on by default): 200–400 ms after the first failure,
 * ×1.5 after each further one, up to 60 s; forgotten at the first success or 60 s after the last
 * failure. A new URL with a fresh token does not escape it. In a 35 s outage livekit-client's
 * resume attempts took 0.8, 2.2, 3.4, 6.3, 10.3 s each, and the first connect after the network
 * was back waited 12 s. (Chromium throttles too, after far more failures: sdk-reconnect-policy.ts.)
 */
export function delaysFailedWebSockets(userAgent: string | undefined = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent): boolean {
  return /\bFirefox\/\d/.test(userAgent ?? '');
}

/**
 * There the SDK's own resume makes this many attempts (Firefox's hold-back is then about 2 s)
 * before the controller takes over; its connects wait for a HEAD (not a WebSocket) to see the
 * server answer, so the hold-back does not grow while the server is away.
 */
export const FIREFOX_SDK_ATTEMPTS = 6;

/** …and a gated connect goes without the probe's word only after this long (10 s elsewhere). */
export const FIREFOX_GATED_FALLBACK_MS = 30_000;

/**
 * A resume that hangs: after `simulateScenario('node-failure')` livekit-client's second resume
 * attempt in Firefox never opened its WebSocket (no `signal connecting` for 28 s, until the
 * PeerConnection failed; a plain page stayed `reconnecting` for good). The stall watch
 * (`SDK_ATTEMPT_STALL_MS`) takes over 1 s into such an attempt when the SDK's log lines are heard;
 * this is the backstop: six attempts take well under 10 s, so a resume still going after 10 s
 * (30 s elsewhere) is ended.
 */
export const FIREFOX_SDK_RECONNECT_TIMEOUT_MS = 10_000;
