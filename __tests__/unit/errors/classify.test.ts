import {
  ConnectionError,
  DeviceUnsupportedError,
  DisconnectReason,
  NegotiationError,
  PublishTrackError,
  SignalReconnectError,
  SignalRequestError,
  UnexpectedConnectionState,
} from 'livekit-client';
import { classifyCallError, isPermanentRefusal, isTokenRejection } from '../../../src';
import { makeTestToken } from '../../../src/testing';

const jwt = makeTestToken({ identity: 'ann' });
const invalidToken = (error: string) => `invalid token: ${jwt}, error: ${error}`;
const domError = (message: string, name: string) => new DOMException(message, name);
/** An error as another bundle copy of livekit-client (or a serializer) hands it over: no shared class. */
const foreign = (fields: Record<string, unknown>) => Object.assign(Object.create(null) as object, fields);

const CHROMIUM_REMOVE_TRACK = "Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection.";

type Row = [string, unknown, string, boolean, string];
const TOKEN: Row = ['', null, 'token-expired', false, 'warn'];
const REFUSED: Row = ['', null, 'not-allowed', true, 'error'];
const NEGOTIATION: Row = ['', null, 'negotiation', false, 'warn'];
const SENDER: Row = ['', null, 'remove-track-sender', false, 'info'];
const CANCELLED: Row = ['', null, 'cancelled', false, 'info'];
const NETWORK: Row = ['', null, 'network', false, 'warn'];
const DEVICE: Row = ['', null, 'device', true, 'error'];
const UNKNOWN: Row = ['', null, 'unknown', true, 'error'];
const row = (expected: Row, name: string, error: unknown): Row => [name, error, expected[2], expected[3], expected[4]];

const TABLE: Row[] = [
  // token-expired: 401s a fresh token fixes, and the SDK's give-up after one on resume
  row(TOKEN, '401, server v1.13 (golang-jwt) expired', ConnectionError.notAllowed(invalidToken('token has invalid claims: token is expired'), 401)),
  row(TOKEN, '401, older server (go-jose) expired', ConnectionError.notAllowed(invalidToken('go-jose/go-jose/jwt: validation failed, token is expired (exp)'), 401)),
  row(TOKEN, '401, not valid yet (clock skew)', ConnectionError.notAllowed(invalidToken('token has invalid claims: token is not valid yet'), 401)),
  row(TOKEN, '401, go-jose nbf (clock skew)', ConnectionError.notAllowed(invalidToken('go-jose/go-jose/jwt: validation failed, token not valid yet (nbf)'), 401)),
  row(TOKEN, '401, golang-jwt iat (clock skew)', ConnectionError.notAllowed(invalidToken('token has invalid claims: token used before issued'), 401)),
  row(TOKEN, '401, go-jose iat (clock skew)', ConnectionError.notAllowed(invalidToken('go-jose/go-jose/jwt: validation field, token issued in the future (iat)'), 401)),
  row(TOKEN, '401 with a text we do not know (Cloud region settings)', ConnectionError.notAllowed('Could not fetch region settings: Unauthorized', 401)),
  row(TOKEN, '401 with an empty body', ConnectionError.notAllowed('', 401)),
  row(TOKEN, '401, malformed token (unknown 401 text: one fresh token, then permanent)', ConnectionError.notAllowed(invalidToken('token is malformed: token contains an invalid number of segments'), 401)),
  row(TOKEN, 'SDK give-up after a 401 on resume', new UnexpectedConnectionState('could not reconnect, token might be expired')),
  row(TOKEN, '401 from another bundle copy (reasonName)', foreign({ name: 'ConnectionError', code: 1, reason: 0, reasonName: 'NotAllowed', status: 401, message: invalidToken('token has invalid claims: token is expired') })),
  row(TOKEN, '401 from another bundle copy (numeric reason only)', foreign({ name: 'ConnectionError', reason: 0, status: 401, message: 'expired' })),
  row(TOKEN, 'a wrapped 401 (cause)', new Error('join failed', { cause: ConnectionError.notAllowed(invalidToken('token has invalid claims: token is expired'), 401) })),
  // not-allowed: refusals no token age fixes
  row(REFUSED, '401, no permissions (no join grant)', ConnectionError.notAllowed('no permissions to access the room', 401)),
  row(REFUSED, '403', ConnectionError.notAllowed('forbidden', 403)),
  row(REFUSED, '403 even if it says expired', ConnectionError.notAllowed('token is expired', 403)),
  row(REFUSED, '404 room does not exist', ConnectionError.notAllowed('requested room does not exist', 404)),
  row(REFUSED, '401, unknown API key', ConnectionError.notAllowed('invalid API key: devkey2', 401)),
  row(REFUSED, '401, unparsable token', ConnectionError.notAllowed('invalid authorization token', 401)),
  row(REFUSED, '401, wrong secret (golang-jwt)', ConnectionError.notAllowed(invalidToken('token signature is invalid: signature is invalid'), 401)),
  row(REFUSED, '401, wrong secret (go-jose)', ConnectionError.notAllowed(invalidToken('go-jose/go-jose: error in cryptographic primitive'), 401)),
  row(REFUSED, 'publish without canPublish', new PublishTrackError('failed to publish track, insufficient permissions', 403)),
  row(REFUSED, 'refusal text that lost its class', new Error('could not establish signal connection: no permissions to access the room')),
  // negotiation
  row(NEGOTIATION, 'NegotiationError timed out', new NegotiationError('negotiation timed out')),
  row(NEGOTIATION, 'NegotiationError with a text that says nothing', new NegotiationError('PC manager is closed')),
  row(NEGOTIATION, 'NegotiationError, default text', new NegotiationError()),
  row(NEGOTIATION, 'code 13 on a base LiveKitError from another bundle copy', foreign({ name: 'LiveKitError', code: 13, message: 'x' })),
  row(NEGOTIATION, 'republish failure text', new Error('error trying to re-publish tracks after reconnection')),
  row(NEGOTIATION, 'publish retry after a NegotiationError timed out (LocalParticipant.waitForNextEngineRestart)', new Error('timed out waiting for engine restart')),
  row(NEGOTIATION, 'negotiation text that lost its class', 'negotiation aborted'),
  // remove-track-sender
  row(SENDER, 'removeTrack, Chromium', domError(CHROMIUM_REMOVE_TRACK, 'InvalidAccessError')),
  row(SENDER, 'removeTrack, Firefox', domError('This sender was not created by this PeerConnection', 'InvalidAccessError')),
  row(SENDER, 'removeTrack, webrtc-adapter shim', domError('Sender was not created by this connection.', 'InvalidAccessError')),
  row(SENDER, 'removeTrack, Firefox-style prefixed', domError('RTCPeerConnection.removeTrack: Sender was not created by this connection', 'InvalidAccessError')),
  row(SENDER, 'removeTrack on a closed PC, Chromium', domError("Failed to execute 'removeTrack' on 'RTCPeerConnection': The RTCPeerConnection's signalingState is 'closed'.", 'InvalidStateError')),
  row(SENDER, 'removeTrack text as a string', `[UnhandledRejection] ${CHROMIUM_REMOVE_TRACK}`),
  // cancelled
  row(CANCELLED, 'our own disconnect during connect', ConnectionError.cancelled('Client initiated disconnect')),
  row(CANCELLED, 'connection aborted', ConnectionError.cancelled('Connection aborted')),
  row(CANCELLED, 'data channel closed by our reconnect (Chromium RTCError)', new Error('DataChannel error on lossy: User-Initiated Abort, reason=')),
  row(NETWORK, 'livekit-client on every reconnect', new Error("publisher data channel 'LOSSY' closed unexpectedly")),
  row(CANCELLED, 'PC connect cancelled', ConnectionError.cancelled('room connection has been cancelled')),
  row(CANCELLED, 'bare Cancelled text', new Error('Cancelled')),
  row(CANCELLED, 'unpublish during publish', new Error('Cancelled publication by calling unpublish')),
  row(CANCELLED, 'a publish the SDK meant to retry after a NegotiationError, ended by the disconnect', new Error('engine closed before restart completed')),
  row(CANCELLED, 'Client initiated disconnect text', 'Client initiated disconnect'),
  row(CANCELLED, 'leave request: removed', ConnectionError.leaveRequest('Received leave request while trying to (re)connect', DisconnectReason.PARTICIPANT_REMOVED)),
  row(CANCELLED, 'leave request: room deleted', ConnectionError.leaveRequest('Received leave request while trying to (re)connect', DisconnectReason.ROOM_DELETED)),
  row(CANCELLED, 'AbortError', domError('The operation was aborted.', 'AbortError')),
  row(CANCELLED, 'an aborted fetch that lost its name', new Error('The user aborted a request.')),
  row(CANCELLED, 'a ConnectionError with a reason this version does not know is read by its text', foreign({ name: 'ConnectionError', reason: 99, message: 'Client initiated disconnect' })),
  row(CANCELLED, 'Cancelled from another bundle copy', foreign({ name: 'ConnectionError', reasonName: 'Cancelled', message: 'whatever' })),
  // network
  row(NETWORK, 'leave request: server shutting down (come back)', ConnectionError.leaveRequest('Received leave request while trying to (re)connect', DisconnectReason.SERVER_SHUTDOWN)),
  row(NETWORK, 'server unreachable', ConnectionError.serverUnreachable('could not establish signal connection', 0)),
  row(NETWORK, 'websocket', ConnectionError.websocket('WS closed unexpectedly with code 1006', 1006)),
  row(NETWORK, 'timeout', ConnectionError.timeout('room connection has timed out (signal)')),
  row(NETWORK, 'internal 5xx', ConnectionError.internal('could not establish pc connection', { status: 503 })),
  row(NETWORK, 'v1 path missing (the SDK falls back)', ConnectionError.serviceNotFound('v1 RTC path not found', 'v0-rtc')),
  row(NETWORK, 'signal reconnect', new SignalReconnectError('Signal connection got severed during reconnect')),
  row(NETWORK, 'signal reconnect, no text', new SignalReconnectError()),
  row(NETWORK, 'publish while reconnecting', new UnexpectedConnectionState('cannot publish track when not connected')),
  row(NETWORK, 'resume without saved url', new UnexpectedConnectionState('could not reconnect, url or token not saved')),
  row(NETWORK, 'publish timed out waiting for the engine', new PublishTrackError('publishing rejected as engine not connected within timeout', 408)),
  row(NETWORK, 'signal request timeout', new SignalRequestError('request timed out', 'TimeoutError')),
  row(NETWORK, 'fetch, Chromium', new TypeError('Failed to fetch')),
  row(NETWORK, 'fetch, Firefox', new TypeError('NetworkError when attempting to fetch resource.')),
  row(NETWORK, 'fetch, Safari', new TypeError('Load failed')),
  row(NETWORK, 'DOMException NetworkError', domError('A network error occurred.', 'NetworkError')),
  row(NETWORK, 'DOMException TimeoutError', domError('signal timed out', 'TimeoutError')),
  // device
  row(DEVICE, 'NotAllowedError (camera refused)', domError('Permission denied', 'NotAllowedError')),
  row(DEVICE, 'NotFoundError', domError('Requested device not found', 'NotFoundError')),
  row(DEVICE, 'NotReadableError', domError('Could not start video source', 'NotReadableError')),
  row(DEVICE, 'OverconstrainedError', Object.assign(new Error('constraints'), { name: 'OverconstrainedError' })),
  row(DEVICE, 'PermissionDeniedError (old Chrome)', Object.assign(new Error(''), { name: 'PermissionDeniedError' })),
  row(DEVICE, 'DevicesNotFoundError (old Chrome)', Object.assign(new Error(''), { name: 'DevicesNotFoundError' })),
  row(DEVICE, 'TrackStartError (old Chrome)', Object.assign(new Error(''), { name: 'TrackStartError' })),
  row(DEVICE, 'DeviceUnsupportedError', new DeviceUnsupportedError('getDisplayMedia not supported')),
  row(DEVICE, 'browser without WebRTC', new UnexpectedConnectionState('Required webRTC APIs not supported on this device')),
  ['autoplay blocked: device, but only info', domError("play() failed because the user didn't interact with the document first. https://goo.gl/xX8pDD", 'NotAllowedError'), 'device', false, 'info'],
  // unknown: real bugs stay loud
  row(CANCELLED, 'signal connect aborted by our disconnect (Room.connect)', ConnectionError.cancelled('Signal connection aborted')),
  row(CANCELLED, 'region fetch aborted, text only', new Error('Region fetching was aborted')),
  row(CANCELLED, 'stream aborted, lost its name', new Error('This operation was aborted')),
  row(UNKNOWN, "an app's own error mentioning aborted", new Error('upload aborted')),
  row(UNKNOWN, "an app's own error with aborted mid-text", new Error('Payment aborted by the bank: card declined')),
  row(UNKNOWN, 'a real TypeError', new TypeError("Cannot read properties of undefined (reading 'x')")),
  row(UNKNOWN, "a TypeError about a property named 'timeout'", new TypeError("Cannot read properties of undefined (reading 'timeout')")),
  row(UNKNOWN, "a TypeError about a property named 'negotiate'", new TypeError("Cannot read properties of null (reading 'negotiate')")),
  row(UNKNOWN, 'DOMException code 13 is not a NegotiationError', domError('x', 'InvalidModificationError')),
  row(UNKNOWN, 'other PublishTrackError', new PublishTrackError('track publication limit', 500)),
  row(UNKNOWN, 'a string', 'something odd'),
  row(UNKNOWN, 'undefined', undefined),
  row(UNKNOWN, 'null', null),
  row(UNKNOWN, 'a number', 42),
  row(UNKNOWN, 'an empty object', {}),
];

describe('classifyCallError', () => {
  it.each(TABLE)('%s', (_name, error, kind, alert, severity) => {
    expect(classifyCallError(error)).toEqual({ kind, alert, severity });
  });

  it('never throws, even for a hostile value', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(classifyCallError(hostile)).toEqual({ kind: 'unknown', alert: true, severity: 'error' });
  });

  it('a cause that points at itself does not loop', () => {
    const looped = new Error('odd') as Error & { cause?: unknown };
    looped.cause = { message: 'inner', cause: looped };
    expect(classifyCallError(looped).kind).toBe('unknown');
  });
});

describe('isTokenRejection: a 401 a freshly fetched token fixes', () => {
  it.each([
    ['expired', true, ConnectionError.notAllowed(invalidToken('token has invalid claims: token is expired'), 401)],
    ['go-jose expired', true, ConnectionError.notAllowed(invalidToken('go-jose/go-jose/jwt: validation failed, token is expired (exp)'), 401)],
    ['not valid yet', true, ConnectionError.notAllowed(invalidToken('token has invalid claims: token is not valid yet'), 401)],
    ['unknown 401 text', true, ConnectionError.notAllowed('Could not fetch region settings: Unauthorized', 401)],
    ['another bundle copy', true, foreign({ name: 'ConnectionError', reasonName: 'NotAllowed', status: 401, message: 'token is expired' })],
    ['no permissions', false, ConnectionError.notAllowed('no permissions to access the room', 401)],
    ['403', false, ConnectionError.notAllowed('forbidden', 403)],
    ['wrong secret', false, ConnectionError.notAllowed(invalidToken('token signature is invalid: signature is invalid'), 401)],
    ['the SDK give-up (needs a new connect, not a retry)', false, new UnexpectedConnectionState('could not reconnect, token might be expired')],
    ['a plain Error with the text', false, new Error('token is expired')],
    ['a timeout', false, ConnectionError.timeout('room connection has timed out')],
  ])('%s → %s', (_name, expected, error) => {
    expect(isTokenRejection(error)).toBe(expected);
  });
});

describe('isPermanentRefusal: no token will get this participant in', () => {
  it.each([
    ['no permissions', true, ConnectionError.notAllowed('no permissions to access the room', 401)],
    ['403', true, ConnectionError.notAllowed('forbidden', 403)],
    ['unknown API key', true, ConnectionError.notAllowed('invalid API key: devkey2', 401)],
    ['room does not exist', true, ConnectionError.notAllowed('requested room does not exist', 404)],
    ['expired', false, ConnectionError.notAllowed(invalidToken('token has invalid claims: token is expired'), 401)],
    ['network', false, new TypeError('Failed to fetch')],
    ['camera refused (a device, not the server)', false, domError('Permission denied', 'NotAllowedError')],
  ])('%s → %s', (_name, expected, error) => {
    expect(isPermanentRefusal(error)).toBe(expected);
  });
});
