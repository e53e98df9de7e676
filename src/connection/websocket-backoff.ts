/**
 * Firefox holds back a WebSocket to a server whose last connects failed (RFC 6455 §7.2.3, pref
 * `network.websocket.delay-failed-reconnects`, on by default): 200–400 ms after the first failure,
 * ×1.5 after each further one, up to 60 s; forgotten at the first success or 60 s after the last
 * failure. A new URL with a fresh token does not escape it. Measured in Firefox 153.8 ESR (e2e
 * `signal-outage-past-token-exp`): livekit-client's resume attempts of a 35 s outage took 0.8, 2.2,
 * 3.4, 6.3, 10.3 s each, and the first connect after the network was back waited 12 s.
 * Chromium throttles too, but only after far more failures (see sdk-reconnect-policy.ts).
 */
export function delaysFailedWebSockets(userAgent: string | undefined = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent): boolean {
  return /\bFirefox\/\d/.test(userAgent ?? '');
}

/**
 * In such a browser the SDK's own resume makes this many attempts (Firefox's hold-back then is
 * about 2 s) before the controller takes over; its connects wait for a HEAD (not a WebSocket) to
 * see the server answer, so the hold-back does not grow while the server is away.
 */
export const BACKOFF_BROWSER_SDK_ATTEMPTS = 6;

/** …and a gated connect goes without the probe's word only after this long (10 s elsewhere). */
export const BACKOFF_BROWSER_GATED_FALLBACK_MS = 30_000;
