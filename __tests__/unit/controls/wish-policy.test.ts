import { failureMessage, nextWishStep, settlesWithFailure, toggleFailureSource, type WishView } from '../../../src/controls/wish-policy';

const view = (over: Partial<WishView> = {}): WishView => ({
  status: 'connected',
  live: false,
  desired: false,
  pending: false,
  anyPending: false,
  blocked: false,
  wish: true,
  tried: false,
  recorded: false,
  quiet: false,
  ended: false,
  ...over,
});

describe('nextWishStep', () => {
  it('applies a wish at once when connected and the source is free (the click is the gesture)', () => {
    expect(nextWishStep(view())).toBe('apply');
  });

  it('waits while the source is locked, whoever holds it', () => {
    expect(nextWishStep(view({ pending: true }))).toBe('wait');
    expect(nextWishStep(view({ pending: true, tried: true }))).toBe('wait');
  });

  it('records the wish once while not connected, then waits for the reconnect', () => {
    for (const status of ['connecting', 'reconnecting'] as const) {
      expect(nextWishStep(view({ status }))).toBe('record');
      expect(nextWishStep(view({ status, recorded: true, desired: true }))).toBe('wait');
    }
  });

  it('settles when the wish is live and recorded, after a try that did not make it live, or when the call ended', () => {
    expect(nextWishStep(view({ live: true, desired: true }))).toBe('settle');
    expect(nextWishStep(view({ tried: true }))).toBe('settle');
    for (const status of ['idle', 'disconnected', 'failed'] as const) expect(nextWishStep(view({ status }))).toBe('settle');
    expect(nextWishStep(view({ status: 'reconnecting', ended: true }))).toBe('settle');
  });

  it('records a wish that is already live but not yet desired (one toggle that only records)', () => {
    expect(nextWishStep(view({ live: true, desired: false }))).toBe('apply');
  });

  it("leaves a recorded wish to the re-apply, except a screen share it declined for want of a gesture", () => {
    expect(nextWishStep(view({ recorded: true, desired: true, anyPending: true }))).toBe('wait');
    expect(nextWishStep(view({ recorded: true, desired: true }))).toBe('wait-quiet');
    expect(nextWishStep(view({ recorded: true, desired: true, quiet: true }))).toBe('apply');
    expect(nextWishStep(view({ recorded: true, desired: false, blocked: true, anyPending: true }))).toBe('apply');
    expect(nextWishStep(view({ recorded: true, wish: false, live: true, desired: false, blocked: true }))).toBe('wait-quiet');
  });
});

describe('settling helpers', () => {
  const failure = { kind: 'device' as const, code: 'toggle-failed' as const, message: 'camera: Could not start video source', at: 1 };

  it('rejects only for a real failure that left the wish unpublished', () => {
    expect(settlesWithFailure(false, true, failure)).toBe(true);
    expect(settlesWithFailure(true, true, failure)).toBe(false);
    expect(settlesWithFailure(false, true, undefined)).toBe(false);
  });

  it("reads the source and message of apply-source's toggle-failed errors", () => {
    expect(toggleFailureSource(failure)).toBe('camera');
    expect(toggleFailureSource({ ...failure, message: 'screenShare: Permission denied by system' })).toBe('screenShare');
    expect(toggleFailureSource({ ...failure, code: 'sdk-error' })).toBeUndefined();
    expect(toggleFailureSource({ ...failure, message: 'speaker: nope' })).toBeUndefined();
    expect(toggleFailureSource(null)).toBeUndefined();
    expect(failureMessage(failure)).toBe('Could not start video source');
  });
});
