/** @jest-environment jsdom */
import { TextDecoder, TextEncoder } from 'util';
import type { CallAlert } from '../../../src';
import type * as Filter from '../../../src/errors/filter';

// jsdom lacks TextEncoder, which livekit-client needs at import time; browsers have it.
Object.assign(globalThis, { TextEncoder, TextDecoder });
let installCallErrorFilter: typeof Filter.installCallErrorFilter;
beforeAll(async () => {
  ({ installCallErrorFilter } = await import('../../../src/errors/filter'));
});

const rejection = (reason: unknown) => Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason });

describe('installCallErrorFilter in a browser-like window', () => {
  it('listens on window by default', () => {
    const alerts: CallAlert[] = [];
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a) });
    const noise = rejection(new DOMException("Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection.", 'InvalidAccessError'));
    window.dispatchEvent(noise);
    expect(noise.defaultPrevented).toBe(true);
    const real = rejection(new TypeError('real bug'));
    window.dispatchEvent(real);
    expect(real.defaultPrevented).toBe(false);
    expect(alerts.map((a) => a.message)).toEqual(['real bug']);
    expect(remove.stats()).toMatchObject({ swallowed: 1, passed: 1 });
    remove();
    const afterRemoval = rejection(new TypeError('after'));
    window.dispatchEvent(afterRemoval);
    expect(alerts).toHaveLength(1);
  });

  it('an ErrorEvent from an uncaught throw is classified by its error', () => {
    const alerts: CallAlert[] = [];
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a) });
    const error = new DOMException('This sender was not created by this PeerConnection', 'InvalidAccessError');
    const event = new ErrorEvent('error', { error, message: error.message, cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(alerts).toHaveLength(0);
    remove();
  });
});
