import { classifyCallError, expectNoise, isExpectedNoise, isNoiseExpected } from '../../../src';
import { resetExpectedNoise } from '../../../src/errors/expected-noise';

beforeEach(() => resetExpectedNoise());

describe('expected noise registry', () => {
  it('nothing is expected by default, except the removeTrack race', () => {
    expect(isNoiseExpected('negotiation', 0)).toBe(false);
    expect(isNoiseExpected('cancelled', 1_000)).toBe(false);
    expect(isNoiseExpected('remove-track-sender', 0)).toBe(true);
  });

  it('an announcement holds for forMs, inclusive, then lapses', () => {
    expectNoise('negotiation', 500, 1_000);
    expect(isNoiseExpected('negotiation', 1_000)).toBe(true);
    expect(isNoiseExpected('negotiation', 1_500)).toBe(true);
    expect(isNoiseExpected('negotiation', 1_501)).toBe(false);
    expect(isNoiseExpected('cancelled', 1_200)).toBe(false);
  });

  it('works at time zero (no falsy-clock surprise)', () => {
    expectNoise('cancelled', 10, 0);
    expect(isNoiseExpected('cancelled', 0)).toBe(true);
  });

  it('windows only grow: a shorter announcement does not cut a longer one short', () => {
    expectNoise('negotiation', 60_000, 0);
    expectNoise('negotiation', 1_000, 0);
    expect(isNoiseExpected('negotiation', 30_000)).toBe(true);
  });

  it('ignores non-positive or non-finite durations', () => {
    expectNoise('cancelled', 0, 0);
    expectNoise('cancelled', -5, 0);
    expectNoise('cancelled', Number.NaN, 0);
    expect(isNoiseExpected('cancelled', 0)).toBe(false);
  });

  it('uses Date.now by default', () => {
    jest.useFakeTimers({ now: 10_000 });
    expectNoise('cancelled', 100);
    expect(isNoiseExpected('cancelled')).toBe(true);
    jest.advanceTimersByTime(101);
    expect(isNoiseExpected('cancelled')).toBe(false);
    jest.useRealTimers();
  });
});

describe('isExpectedNoise (the filter policy)', () => {
  const race = classifyCallError(new DOMException('This sender was not created by this PeerConnection', 'InvalidAccessError'));
  const negotiation = classifyCallError(Object.assign(new Error('negotiation timed out'), { name: 'NegotiationError' }));
  const bug = classifyCallError(new TypeError('x is not a function'));
  const network = classifyCallError(new TypeError('Failed to fetch'));

  it('the race always; negotiation only while expected; bugs and network never', () => {
    expect(isExpectedNoise(race, 0)).toBe(true);
    expect(isExpectedNoise(negotiation, 0)).toBe(false);
    expectNoise('negotiation', 1_000, 0);
    expect(isExpectedNoise(negotiation, 500)).toBe(true);
    expect(isExpectedNoise(bug, 500)).toBe(false);
    expect(isExpectedNoise(network, 500)).toBe(false);
  });
});
