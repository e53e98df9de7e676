import {
  ConnectionError,
  DeviceUnsupportedError,
  DisconnectReason,
  NegotiationError,
  PublishTrackError,
  SignalReconnectError,
  UnexpectedConnectionState,
} from 'livekit-client';
import { classifyCallError, isPermanentRefusal, isTokenRejection } from '../../../src';
import { makeTestToken } from '../../../src/testing';

const jwt = makeTestToken({ identity: 'ann' });

// [case, error, kind, alert, severity]
const TABLE: [string, unknown, string, boolean, string][] = [
  ['401, server v1.13 wording', ConnectionError.notAllowed(`invalid token: ${jwt}, error: token has invalid claims: token is expired`, 401), 'token-expired', false, 'warn'],
  ['401, go-jose wording', ConnectionError.notAllowed(`invalid token: ${jwt}, error: go-jose/go-jose/jwt: validation failed, token is expired (exp)`, 401), 'token-expired', false, 'warn'],
  ['401, not valid yet (clock skew: a fresh token fixes it)', ConnectionError.notAllowed(`invalid token: ${jwt}, error: token has invalid claims: token is not valid yet`, 401), 'token-expired', false, 'warn'],
  ['401, no permissions', ConnectionError.notAllowed('no permissions to access the room', 401), 'not-allowed', true, 'error'],
  ['403', ConnectionError.notAllowed('forbidden', 403), 'not-allowed', true, 'error'],
  ['404 room does not exist', ConnectionError.notAllowed('requested room does not exist', 404), 'not-allowed', true, 'error'],
  ['SDK give-up after a resume 401', new UnexpectedConnectionState('could not reconnect, token might be expired'), 'token-expired', false, 'warn'],
  ['other unexpected state', new UnexpectedConnectionState('could not reconnect, url or token not saved'), 'network', false, 'warn'],
  ['NegotiationError', new NegotiationError('negotiation timed out'), 'negotiation', false, 'warn'],
  ['re-publish after reconnection', new Error('error trying to re-publish tracks after reconnection'), 'negotiation', false, 'warn'],
  ['code 13 from another bundle copy', Object.assign(new Error('unable to negotiate'), { name: 'LiveKitError', code: 13 }), 'negotiation', false, 'warn'],
  ['PublishTrackError on negotiation', new PublishTrackError('publishing rejected as engine not connected within timeout: negotiation', 500), 'negotiation', false, 'warn'],
  ['PublishTrackError otherwise', new PublishTrackError('track publication limit', 403), 'unknown', true, 'error'],
  ['removeTrack, Chromium', new DOMException("Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection.", 'InvalidAccessError'), 'remove-track-sender', false, 'info'],
  ['removeTrack, Firefox', new DOMException('RTCPeerConnection.removeTrack: Sender was not created by this connection', 'InvalidAccessError'), 'remove-track-sender', false, 'info'],
  ['Cancelled (our own disconnect)', ConnectionError.cancelled('Client initiated disconnect'), 'cancelled', false, 'info'],
  ['Cancelled text', new Error('Cancelled'), 'cancelled', false, 'info'],
  ['leave request', ConnectionError.leaveRequest('server left', DisconnectReason.SERVER_SHUTDOWN), 'cancelled', false, 'info'],
  ['AbortError', new DOMException('The operation was aborted.', 'AbortError'), 'cancelled', false, 'info'],
  ['server unreachable', ConnectionError.serverUnreachable('could not establish signal connection', 0), 'network', false, 'warn'],
  ['websocket', ConnectionError.websocket('websocket closed', 1006), 'network', false, 'warn'],
  ['timeout', ConnectionError.timeout('room connection has timed out'), 'network', false, 'warn'],
  ['internal 5xx', ConnectionError.internal('internal error', { status: 503 }), 'network', false, 'warn'],
  ['signal reconnect', new SignalReconnectError('could not reconnect'), 'network', false, 'warn'],
  ['fetch, Chromium', new TypeError('Failed to fetch'), 'network', false, 'warn'],
  ['fetch, Firefox', new TypeError('NetworkError when attempting to fetch resource.'), 'network', false, 'warn'],
  ['fetch, Safari', new TypeError('Load failed'), 'network', false, 'warn'],
  ['NotAllowedError', new DOMException('Permission denied', 'NotAllowedError'), 'device', true, 'error'],
  ['NotFoundError', new DOMException('Requested device not found', 'NotFoundError'), 'device', true, 'error'],
  ['NotReadableError', new DOMException('Could not start video source', 'NotReadableError'), 'device', true, 'error'],
  ['OverconstrainedError', Object.assign(new Error('constraints'), { name: 'OverconstrainedError' }), 'device', true, 'error'],
  ['DeviceUnsupportedError', new DeviceUnsupportedError('getDisplayMedia not supported'), 'device', true, 'error'],
  ['a real TypeError', new TypeError("Cannot read properties of undefined (reading 'x')"), 'unknown', true, 'error'],
  ['a string', 'something odd', 'unknown', true, 'error'],
  ['undefined', undefined, 'unknown', true, 'error'],
  ['null', null, 'unknown', true, 'error'],
];

describe('classifyCallError', () => {
  it.each(TABLE)('%s', (_name, error, kind, alert, severity) => {
    expect(classifyCallError(error)).toEqual({ kind, alert, severity });
  });
});

describe('token helpers', () => {
  it('isTokenRejection: only a 401 that a fresh token fixes', () => {
    expect(isTokenRejection(TABLE[0]![1])).toBe(true);
    expect(isTokenRejection(TABLE[1]![1])).toBe(true);
    expect(isTokenRejection(TABLE[3]![1])).toBe(false);
    expect(isTokenRejection(new UnexpectedConnectionState('could not reconnect, token might be expired'))).toBe(false);
  });
  it('isPermanentRefusal: no permission, 403', () => {
    expect(isPermanentRefusal(ConnectionError.notAllowed('no permissions to access the room', 401))).toBe(true);
    expect(isPermanentRefusal(ConnectionError.notAllowed('forbidden', 403))).toBe(true);
    expect(isPermanentRefusal(TABLE[0]![1])).toBe(false);
    expect(isPermanentRefusal(new TypeError('Failed to fetch'))).toBe(false);
  });
});
