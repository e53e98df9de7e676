import { ConnectionError, NegotiationError } from 'livekit-client';
import { expectNoise, installCallErrorFilter, type CallAlert } from '../../../src';
import { resetExpectedNoise } from '../../../src/errors/expected-noise';
import { makeTestToken } from '../../../src/testing';

const CHROMIUM_REMOVE_TRACK = "Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection.";
const removeTrack = () => new DOMException(CHROMIUM_REMOVE_TRACK, 'InvalidAccessError');

/** What the browser dispatches for an unhandled rejection (PromiseRejectionEvent is not in Node). */
function rejection(reason: unknown): Event {
  return Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason });
}
/** What the browser dispatches for an uncaught throw (ErrorEvent-like). */
function uncaught(error: unknown, message = String(error)): Event {
  return Object.assign(new Event('error', { cancelable: true }), { error, message });
}

function setup(windowMs?: number) {
  const target = new EventTarget();
  const alerts: CallAlert[] = [];
  const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a), target, windowMs });
  const send = (event: Event) => {
    target.dispatchEvent(event);
    return event;
  };
  return { target, alerts, remove, send };
}

beforeEach(() => {
  jest.useFakeTimers({ now: 1_000_000 });
  resetExpectedNoise();
});
afterEach(() => jest.useRealTimers());

describe('installCallErrorFilter: noise', () => {
  it('swallows the removeTrack sender race (rejection and uncaught), counts it, never alerts', () => {
    const { alerts, remove, send } = setup();
    const events = [send(rejection(removeTrack())), send(rejection(removeTrack())), send(uncaught(removeTrack()))];
    expect(events.map((e) => e.defaultPrevented)).toEqual([true, true, true]);
    expect(alerts).toHaveLength(0);
    expect(remove.stats()).toEqual({
      swallowed: 3,
      passed: 0,
      alerted: 0,
      byKind: { 'remove-track-sender': 3 },
      swallowedByKind: { 'remove-track-sender': 3 },
    });
    remove();
  });

  it('the Firefox wording of the race is swallowed too', () => {
    const { remove, send } = setup();
    expect(send(rejection(new DOMException('This sender was not created by this PeerConnection', 'InvalidAccessError'))).defaultPrevented).toBe(true);
    remove();
  });

  it('NegotiationErrors and Cancelled are swallowed only while a controller expects them', () => {
    const { alerts, remove, send } = setup();
    // Nobody is recovering: visible in the console (not prevented), but not worth an alert.
    expect(send(rejection(new NegotiationError('negotiation timed out'))).defaultPrevented).toBe(false);
    expect(send(rejection(ConnectionError.cancelled('Client initiated disconnect'))).defaultPrevented).toBe(false);
    expect(alerts).toHaveLength(0);

    expectNoise('negotiation', 5_000);
    expectNoise('cancelled', 5_000);
    expect(send(rejection(new NegotiationError('negotiation timed out'))).defaultPrevented).toBe(true);
    expect(send(rejection(ConnectionError.cancelled('Client initiated disconnect'))).defaultPrevented).toBe(true);
    expect(send(uncaught(new Error('Cancelled'))).defaultPrevented).toBe(true);

    jest.advanceTimersByTime(5_001);
    expect(send(rejection(ConnectionError.cancelled('Client initiated disconnect'))).defaultPrevented).toBe(false);
    expect(remove.stats()).toMatchObject({ swallowed: 3, passed: 3, alerted: 0, swallowedByKind: { negotiation: 1, cancelled: 2 } });
    remove();
  });

  it('expecting negotiation noise does not hide other kinds', () => {
    const { alerts, remove, send } = setup();
    expectNoise('negotiation', 60_000);
    expect(send(rejection(new TypeError('boom'))).defaultPrevented).toBe(false);
    expect(send(rejection(ConnectionError.cancelled('Client initiated disconnect'))).defaultPrevented).toBe(false);
    expect(alerts.map((a) => a.kind)).toEqual(['unknown']);
    remove();
  });
});

describe('installCallErrorFilter: everything else passes on unchanged', () => {
  it('a real TypeError: not prevented, later listeners still see it, onAlert hears of it', () => {
    const { target, alerts, remove, send } = setup();
    const later = jest.fn();
    target.addEventListener('unhandledrejection', later);
    const event = send(rejection(new TypeError("Cannot read properties of undefined (reading 'id')")));
    expect(event.defaultPrevented).toBe(false);
    expect(later).toHaveBeenCalledWith(event);
    expect(alerts).toEqual([{ kind: 'unknown', message: "Cannot read properties of undefined (reading 'id')", at: 1_000_000, count: 1 }]);
    expect(remove.stats()).toMatchObject({ swallowed: 0, passed: 1, alerted: 1 });
    remove();
  });

  it('an uncaught error event: the thrown value is classified; a message-only event (cross-origin) too', () => {
    const { alerts, remove, send } = setup();
    expect(send(uncaught(new DOMException('Requested device not found', 'NotFoundError'))).defaultPrevented).toBe(false);
    expect(send(uncaught(null, 'Script error.')).defaultPrevented).toBe(false);
    expect(alerts.map((a) => [a.kind, a.message])).toEqual([
      ['device', 'Requested device not found'],
      ['unknown', 'Script error.'],
    ]);
    remove();
  });

  it('quiet kinds (network, token-expired) pass on but do not alert: the controller handles them', () => {
    const { alerts, remove, send } = setup();
    expect(send(rejection(new TypeError('Failed to fetch'))).defaultPrevented).toBe(false);
    expect(send(rejection(ConnectionError.notAllowed('token is expired', 401))).defaultPrevented).toBe(false);
    expect(alerts).toHaveLength(0);
    expect(remove.stats()).toMatchObject({ passed: 2, alerted: 0, byKind: { network: 1, 'token-expired': 1 } });
    remove();
  });

  it('alerts carry redacted messages (the server 401 text embeds the JWT)', () => {
    const { alerts, remove, send } = setup();
    const jwt = makeTestToken({ identity: 'x' });
    send(rejection(ConnectionError.notAllowed(`invalid token: ${jwt}, error: no permissions to access the room`, 401)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.kind).toBe('not-allowed');
    expect(alerts[0]!.message).toBe('invalid token: [redacted-token], error: no permissions to access the room');
    remove();
  });

  it('a value that breaks classification still passes on unchanged', () => {
    const { alerts, remove, send } = setup();
    const hostile = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); }, get: () => { throw new Error('trap'); } });
    const event = send(rejection(hostile));
    expect(event.defaultPrevented).toBe(false);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'unknown', message: '[unreadable error]' })]);
    remove();
  });
});

describe('installCallErrorFilter: folding, removal, double install', () => {
  it('repeats of one kind inside the window fold into one more alert with count', () => {
    const { alerts, remove, send } = setup(10_000);
    for (let i = 0; i < 5; i++) send(rejection(new TypeError(`boom ${i}`)));
    expect(alerts).toEqual([{ kind: 'unknown', message: 'boom 0', at: 1_000_000, count: 1 }]);
    jest.advanceTimersByTime(9_999);
    expect(alerts).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(alerts[1]).toEqual({ kind: 'unknown', message: 'boom 4', at: 1_000_000, count: 4 });
    send(rejection(new TypeError('again')));
    expect(alerts[2]).toMatchObject({ message: 'again', count: 1 });
    remove();
  });

  it('the remover removes the listeners and sends pending folds first', () => {
    const { alerts, remove, send } = setup();
    send(rejection(new TypeError('a')));
    send(rejection(new TypeError('b')));
    remove();
    expect(alerts.map((a) => a.count)).toEqual([1, 1]);
    expect(send(rejection(removeTrack())).defaultPrevented).toBe(false);
    send(rejection(new TypeError('after')));
    expect(alerts).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('installing twice does not double-report; listeners stay until the last remover', () => {
    const target = new EventTarget();
    const onAlert = jest.fn();
    const first = installCallErrorFilter({ onAlert, target });
    const second = installCallErrorFilter({ onAlert, target });
    target.dispatchEvent(rejection(new TypeError('once')));
    expect(onAlert).toHaveBeenCalledTimes(1);
    expect(first.stats()).toEqual(second.stats());
    first();
    first(); // a second call of the same remover must not release the other install
    const noise = rejection(removeTrack());
    target.dispatchEvent(noise);
    expect(noise.defaultPrevented).toBe(true);
    second();
    const after = rejection(removeTrack());
    target.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });

  it('two different reporters on one target are each told once', () => {
    const target = new EventTarget();
    const sentry = jest.fn();
    const telegram = jest.fn();
    const a = installCallErrorFilter({ onAlert: sentry, target });
    const b = installCallErrorFilter({ onAlert: telegram, target });
    target.dispatchEvent(rejection(new TypeError('x')));
    expect(sentry).toHaveBeenCalledTimes(1);
    expect(telegram).toHaveBeenCalledTimes(1);
    b();
    target.dispatchEvent(rejection(new Error('y')));
    jest.advanceTimersByTime(10_000);
    expect(sentry).toHaveBeenCalledTimes(2); // the fold of 'y'
    expect(telegram).toHaveBeenCalledTimes(1);
    a();
  });

  it('separate targets are separate installs', () => {
    const one = setup();
    const two = setup();
    one.send(rejection(removeTrack()));
    expect(one.remove.stats().swallowed).toBe(1);
    expect(two.remove.stats().swallowed).toBe(0);
    one.remove();
    two.remove();
  });

  it('without a window (Node, SSR) it is a harmless no-op', () => {
    const remove = installCallErrorFilter({ onAlert: jest.fn() });
    expect(() => remove()).not.toThrow();
    expect(remove.stats()).toEqual({ swallowed: 0, passed: 0, alerted: 0, byKind: {}, swallowedByKind: {} });
  });
});
