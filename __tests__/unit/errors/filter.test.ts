import { ConnectionError, NegotiationError } from 'livekit-client';
import { createAlertFolder, expectNoise, installCallErrorFilter, type CallAlert } from '../../../src';
import { resetExpectedNoise } from '../../../src/errors/expected-noise';
import { makeTestToken } from '../../../src/testing';

const REMOVE_TRACK = () =>
  new DOMException("Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection.", 'InvalidAccessError');

function rejection(reason: unknown): Event {
  return Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason });
}
function errorEvent(error: unknown): Event {
  return Object.assign(new Event('error', { cancelable: true }), { error, message: String(error) });
}

beforeEach(() => {
  jest.useFakeTimers({ now: 1_000_000 });
  resetExpectedNoise();
});
afterEach(() => jest.useRealTimers());

describe('installCallErrorFilter', () => {
  it('swallows the removeTrack sender mismatch and counts it; onAlert never hears of it', () => {
    const target = new EventTarget();
    const alerts: CallAlert[] = [];
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a), target });
    const events = [rejection(REMOVE_TRACK()), rejection(REMOVE_TRACK()), errorEvent(REMOVE_TRACK())];
    for (const e of events) target.dispatchEvent(e);
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(alerts).toHaveLength(0);
    expect(remove.stats()).toMatchObject({ swallowed: 3, passed: 0, byKind: { 'remove-track-sender': 3 } });
    remove();
  });

  it('a real TypeError passes on unchanged and reaches onAlert', () => {
    const target = new EventTarget();
    const alerts: CallAlert[] = [];
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a), target });
    const event = rejection(new TypeError("Cannot read properties of undefined (reading 'id')"));
    target.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(alerts).toEqual([{ kind: 'unknown', message: "Cannot read properties of undefined (reading 'id')", at: 1_000_000, count: 1 }]);
    remove();
  });

  it('NegotiationErrors and Cancelled are swallowed only while a controller expects them', () => {
    const target = new EventTarget();
    const alerts: CallAlert[] = [];
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a), target });
    const unexpected = rejection(new NegotiationError('negotiation timed out'));
    target.dispatchEvent(unexpected);
    expect(unexpected.defaultPrevented).toBe(false); // not hidden: nobody is recovering from it
    expect(alerts).toHaveLength(0); // and not alert-worthy by itself

    expectNoise('negotiation', 5_000);
    expectNoise('cancelled', 5_000);
    const expected = [rejection(new NegotiationError('negotiation timed out')), rejection(ConnectionError.cancelled('Client initiated disconnect'))];
    for (const e of expected) target.dispatchEvent(e);
    expect(expected.every((e) => e.defaultPrevented)).toBe(true);

    jest.advanceTimersByTime(5_001);
    const later = rejection(ConnectionError.cancelled('Client initiated disconnect'));
    target.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
    remove();
  });

  it('repeats of one kind inside the window fold into one alert with count', () => {
    const target = new EventTarget();
    const alerts: CallAlert[] = [];
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a), target, windowMs: 10_000 });
    for (let i = 0; i < 5; i++) target.dispatchEvent(rejection(new TypeError(`boom ${i}`)));
    expect(alerts).toEqual([expect.objectContaining({ kind: 'unknown', message: 'boom 0', count: 1 })]);
    jest.advanceTimersByTime(10_000);
    expect(alerts).toEqual([expect.objectContaining({ count: 1 }), expect.objectContaining({ message: 'boom 4', count: 4 })]);
    target.dispatchEvent(rejection(new TypeError('again')));
    expect(alerts).toHaveLength(3);
    remove();
  });

  it('alerts are redacted', () => {
    const target = new EventTarget();
    const alerts: CallAlert[] = [];
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a), target });
    const jwt = makeTestToken({ identity: 'x' });
    target.dispatchEvent(rejection(new Error(`weird failure with ${jwt}`)));
    expect(alerts[0]!.message).toBe('weird failure with [redacted-token]');
    remove();
  });

  it('the remover removes the listeners', () => {
    const target = new EventTarget();
    const alerts: CallAlert[] = [];
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a), target });
    remove();
    const event = rejection(REMOVE_TRACK());
    target.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    target.dispatchEvent(rejection(new TypeError('x')));
    expect(alerts).toHaveLength(0);
  });

  it('installing twice does not double-report; listeners stay until the last remover', () => {
    const target = new EventTarget();
    const onAlert = jest.fn();
    const first = installCallErrorFilter({ onAlert, target });
    const second = installCallErrorFilter({ onAlert, target });
    target.dispatchEvent(rejection(new TypeError('once')));
    expect(onAlert).toHaveBeenCalledTimes(1);
    first();
    const noise = rejection(REMOVE_TRACK());
    target.dispatchEvent(noise);
    expect(noise.defaultPrevented).toBe(true);
    second();
    const after = rejection(REMOVE_TRACK());
    target.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });

  it('without a window (node) it is a harmless no-op', () => {
    const remove = installCallErrorFilter({ onAlert: jest.fn() });
    expect(() => remove()).not.toThrow();
    expect(remove.stats().swallowed).toBe(0);
  });
});

describe('createAlertFolder', () => {
  it('a reporter that throws does not break the folder', () => {
    const folder = createAlertFolder({
      onAlert: () => {
        throw new Error('reporter down');
      },
    });
    expect(() => folder.report({ kind: 'device', message: 'gone', at: 1 })).not.toThrow();
    folder.dispose();
  });
  it('kinds fold separately; flush sends pending counts at once', () => {
    const alerts: CallAlert[] = [];
    const folder = createAlertFolder({ onAlert: (a) => alerts.push(a), windowMs: 1_000 });
    folder.report({ kind: 'device', message: 'a', at: 1 });
    folder.report({ kind: 'device', message: 'b', at: 2 });
    folder.report({ kind: 'not-allowed', message: 'c', at: 3 });
    folder.flush();
    expect(alerts.map((a) => [a.kind, a.count])).toEqual([
      ['device', 1],
      ['not-allowed', 1],
      ['device', 1],
    ]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
