/**
 * The real message texts the classifier recognises, each with where it comes from. Texts are a
 * last resort (classes, reasons and statuses come first), but they are what survives an error
 * being re-thrown, wrapped, logged or serialized. Patterns are kept short (they ship in the
 * bundle) but never so loose that a bug's TypeError reads as noise.
 */

/**
 * Time-based token rejections: a freshly issued token fixes them (clock skew included).
 * - livekit-server ≥ 1.9 (golang-jwt v5): `token has invalid claims: token is expired`,
 *   `… token is not valid yet`, `… token used before issued`
 * - older servers (go-jose): `validation failed, token is expired (exp)`,
 *   `validation failed, token not valid yet (nbf)`, `validation field, token issued in the future (iat)`
 * - livekit-client after a 401 on its own resume: `could not reconnect, token might be expired`
 */
export const TOKEN_TIME = /token (is |might be )?expired|not valid yet|used before issued|issued in the future/i;

/** The server refuses this participant whatever the token's age: no join grant, wrong room. */
export const NO_PERMISSION = /no permissions to access|permissions denied/i;

/**
 * 401s that are a deployment mistake (wrong key/secret, broken token), not an old token:
 * livekit-server auth.go `invalid API key: …`, `invalid authorization token` (unparsable),
 * `invalid authorization header`; a wrong secret: golang-jwt `token signature is invalid: …`,
 * go-jose `error in cryptographic primitive`. (Other malformed-token texts fall to the unknown-401
 * rule: one fresh token, then permanent.)
 */
export const BROKEN_TOKEN = /invalid (api key|authorization)|signature is invalid|cryptographic primitive/i;

/**
 * The `removeTrack` sender race: unpublishing against a publisher PeerConnection that a reconnect
 * already replaced or closed. No user impact.
 * - Chromium: `Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection.`
 * - Firefox: `This sender was not created by this PeerConnection`
 * - webrtc-adapter shims: `Sender was not created by this connection.`
 * - Chromium, PC already closed: `Failed to execute 'removeTrack' on 'RTCPeerConnection': The RTCPeerConnection's signalingState is 'closed'.`
 */
export const REMOVE_TRACK_SENDER = /sender was not created by this|removeTrack\b.*'closed'/i;

/**
 * Our own (or the app's) disconnect cancelling SDK work: livekit-client's `Client initiated
 * disconnect`, `Connection aborted`, `Connection attempt aborted`, `Signal connection aborted`,
 * `User aborted connection`, `room connection has been cancelled`, `Region fetching was aborted`,
 * `Cancelled publication by calling unpublish`, a bare `Cancelled`, `engine closed before restart
 * completed` (a publish the SDK was about to retry after a NegotiationError, ended by the Room's
 * disconnect), its stream/map aborts `This operation was aborted` / `The operation was aborted.`;
 * fetch's `The user aborted a request.`; Chromium's `User-Initiated Abort` when a data channel is
 * closed by our own reconnect; Firefox's `The operation was aborted. ` (AbortError, with its
 * trailing space). The `aborted` texts are whole messages (optionally after a `Name: ` prefix): an
 * app's own `upload aborted` is not ours to hide. And work on a PeerConnection that our own
 * reconnect or leave closed (InvalidStateError): Chromium `Failed to execute 'addTrack' on
 * 'RTCPeerConnection': The RTCPeerConnection's signalingState is 'closed'.` (any method), Firefox
 * `Peer connection is closed` (any method, `removeTrack` included: Firefox's text does not say
 * which). Tested after NEGOTIATION, so `negotiation aborted` stays a negotiation.
 */
export const CANCELLED =
  /^cancell?ed\b|client initiated disconnect|(^|: )((signal )?connection( attempt)? aborted|user aborted connection|region fetching was aborted|the user aborted a request|th(is|e) operation was aborted)\.?\s*$|been cancelled|user-initiated abort|engine closed before restart|signalingState is 'closed'|(^|: )peer connection is closed$/i;

/**
 * NegotiationError texts (`negotiation timed out`, `negotiation aborted`, `unable to negotiate`,
 * `cannot negotiate on closed engine`) and livekit-client's `error trying to re-publish tracks
 * after reconnection`; and `timed out waiting for engine restart`, which LocalParticipant throws
 * only from its one retry after a NegotiationError (`waitForNextEngineRestart`). (SDP failures
 * arrive as NegotiationError and are caught by class.) Kept narrow: a TypeError about a property
 * called `negotiate` is a bug, not noise.
 */
export const NEGOTIATION = /negotiation (timed out|aborted|failed)|(unable to|cannot|failed to) negotiate|re-publish tracks|waiting for engine restart/i;

/**
 * Transport trouble that backoff fixes. fetch TypeErrors: Chromium `Failed to fetch`, Firefox
 * `NetworkError when attempting to fetch resource.`, Safari `Load failed`; livekit-client's
 * `could not establish signal connection` / `could not establish pc connection`,
 * `Encountered websocket error…`, `… timed out`, `server was not reachable`, `publisher data channel
 * 'LOSSY' closed unexpectedly` (logged at error level on every reconnect). Kept narrow:
 * `reading 'timeout'` is a bug, not noise.
 */
export const NETWORK = /failed to fetch|networkerror when|^load failed$|could not establish|websocket error|timed out|unreachable|data channel '?\w+'? closed unexpectedly/i;

/** getUserMedia / getDisplayMedia failures (DOMException names, old Chrome names, livekit's own). */
export const DEVICE_NAMES = /^(NotAllowed|NotFound|NotReadable|Overconstrained|PermissionDenied|DevicesNotFound|TrackStart)Error$/;

/**
 * Device failures that lost their name: Chromium `Permission denied`/`Permission dismissed`,
 * `Requested device not found`, `Could not start video source`, `Device in use`; livekit-client's
 * `Required webRTC APIs not supported on this device`, `getDisplayMedia not supported`. Tested
 * last, so it only turns an otherwise unknown (alert-worthy) error into a device (alert-worthy) one.
 */
export const DEVICE_TEXT = /permission (denied|dismissed)|device not found|could not start|device in use|this device|not supported/i;

/**
 * Autoplay policy (NotAllowedError from `play()`): a UX state the app handles with a "click to
 * hear" button (RoomEvent.AudioPlaybackStatusChanged), not a broken device.
 * Chromium: `play() failed because the user didn't interact with the document first.`;
 * Firefox: `The play method is not allowed by the user agent…`.
 */
export const AUTOPLAY = /play\(\) failed|play method is not allowed/i;

/**
 * getDisplayMedia outside a user gesture: a UX state (offer "share again"), not a broken device.
 * Firefox 153 ESR (seen in a run): `InvalidStateError: getDisplayMedia requires transient
 * activation from a user gesture.`; Safari/WebKit: `getDisplayMedia must be called from a user
 * gesture handler.`; Chromium's source: `getDisplayMedia() requires transient activation (user
 * gesture).` (headless Chromium with fake UI grants it without one, so not seen in a run).
 */
export const USER_GESTURE = /transient activation|from a user gesture/i;
