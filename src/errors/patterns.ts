/**
 * The real message texts the classifier recognises, each with where it comes from. Texts are a
 * last resort (classes, reasons and statuses come first), but they are what survives an error
 * being re-thrown, wrapped, logged or serialized.
 */

/**
 * Time-based token rejections: a freshly issued token fixes them (clock skew included).
 * - livekit-server ≥ 1.9 (golang-jwt v5): `token has invalid claims: token is expired`,
 *   `… token is not valid yet`, `… token used before issued`
 * - older servers (go-jose): `validation failed, token is expired (exp)`,
 *   `validation failed, token not valid yet (nbf)`, `validation field, token issued in the future (iat)`
 * - livekit-client after a 401 on its own resume: `could not reconnect, token might be expired`
 */
export const TOKEN_TIME = /token is expired|token (is )?not valid yet|token used before issued|token issued in the future|token might be expired|token expired/i;

/** The server refuses this participant whatever the token's age: no join grant, wrong room. */
export const NO_PERMISSION = /no permissions to access the room|permissions denied/i;

/**
 * 401s that are a deployment mistake (wrong key/secret, broken token), not an old token:
 * livekit-server auth.go `invalid API key: …`, `invalid authorization token` (unparsable),
 * `invalid authorization header`, and the verifier's signature/format errors.
 */
export const BROKEN_TOKEN = /invalid api key|invalid authorization (token|header)|signature is invalid|error in cryptographic primitive|token is malformed|compact JWS format|token contains an invalid number of segments/i;

/**
 * The `removeTrack` sender race: unpublishing against a publisher PeerConnection that a reconnect
 * already replaced or closed. No user impact.
 * - Chromium: `Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection.`
 * - Firefox: `This sender was not created by this PeerConnection`
 * - webrtc-adapter shims: `Sender was not created by this connection.`
 * - Chromium, PC already closed: `Failed to execute 'removeTrack' on 'RTCPeerConnection': The RTCPeerConnection's signalingState is 'closed'.`
 */
export const REMOVE_TRACK_SENDER = /sender was not created by this (peer ?)?connection|removeTrack\b.*signalingState is 'closed'/i;

/**
 * Our own (or the app's) disconnect cancelling SDK work: livekit-client's `Client initiated
 * disconnect`, `Connection aborted`, `Connection attempt aborted`, `Signal connection aborted`,
 * `room connection has been cancelled`, `Region fetching was aborted`, `Cancelled publication by
 * calling unpublish`, and a bare `Cancelled`.
 */
export const CANCELLED = /^cancel(l)?ed\b|client initiated disconnect|connection (attempt )?aborted|connection has been cancelled|fetching was aborted|the operation was aborted/i;

/**
 * NegotiationError texts (`negotiation timed out`, `negotiation aborted`, `unable to negotiate`,
 * `cannot negotiate on closed engine`), SDP failures, and livekit-client's
 * `error trying to re-publish tracks after reconnection`. Kept narrow: a TypeError about a
 * property called `negotiate` is a bug, not noise.
 */
export const NEGOTIATION = /negotiation (timed out|aborted|failed)|unable to negotiate|cannot negotiate|failed to negotiate|re-publish tracks|failed to set (local|remote) (offer|answer)/i;

/**
 * Transport trouble that backoff fixes. fetch TypeErrors: Chromium `Failed to fetch`, Firefox
 * `NetworkError when attempting to fetch resource.`, Safari `Load failed`; livekit-client's
 * `could not establish signal connection` / `could not establish pc connection`, websocket and
 * `… timed out` texts; Node's socket errors. Kept narrow: `reading 'timeout'` is a bug, not noise.
 */
export const NETWORK = /failed to fetch|networkerror when attempting to fetch|^load failed$|network request failed|could not establish (signal|pc) connection|websocket error|ws closed unexpectedly|timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|server (was not |un)reachable/i;

/** getUserMedia / getDisplayMedia failures (DOMException names, old Chrome names, livekit's own). */
export const DEVICE_NAMES: ReadonlySet<string> = new Set([
  'NotAllowedError',
  'NotFoundError',
  'NotReadableError',
  'OverconstrainedError',
  'PermissionDeniedError',
  'DevicesNotFoundError',
  'TrackStartError',
  'ConstraintNotSatisfiedError',
  'DeviceUnsupportedError',
]);

/** Device failures that lost their name: Chromium `Permission denied`/`Permission dismissed`, etc. */
export const DEVICE_TEXT = /permission denied|permission dismissed|requested device not found|could not start (video|audio) source|device in use|not supported on this device|cannot stream on this device|getDisplayMedia not supported/i;

/**
 * Autoplay policy (NotAllowedError from `play()`): a UX state the app handles with a "click to
 * hear" button (RoomEvent.AudioPlaybackStatusChanged), not a broken device.
 * Chromium: `play() failed because the user didn't interact with the document first.`;
 * Firefox: `The play method is not allowed by the user agent…`.
 */
export const AUTOPLAY = /play\(\) failed because the user|play method is not allowed/i;
