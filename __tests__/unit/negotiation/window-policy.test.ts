import { inWindow, shouldFallBackToStable } from '../../../src/negotiation/window-policy';

describe('NegotiationError window', () => {
  const base = { windowMs: 60_000, threshold: 2, profile: 'hd' as const };
  it('two inside the window on hd → fall back', () => {
    expect(shouldFallBackToStable({ ...base, timestamps: [0, 59_999], now: 59_999 })).toBe(true);
  });
  it('two far apart → no change', () => {
    expect(shouldFallBackToStable({ ...base, timestamps: [0, 60_000], now: 60_000 })).toBe(false);
  });
  it('one is not enough; a threshold of three needs three', () => {
    expect(shouldFallBackToStable({ ...base, timestamps: [10], now: 10 })).toBe(false);
    expect(shouldFallBackToStable({ ...base, threshold: 3, timestamps: [1, 2], now: 2 })).toBe(false);
    expect(shouldFallBackToStable({ ...base, threshold: 3, timestamps: [1, 2, 3], now: 3 })).toBe(true);
  });
  it('already stable → nothing more to fall back to', () => {
    expect(shouldFallBackToStable({ ...base, profile: 'stable', timestamps: [0, 1, 2], now: 2 })).toBe(false);
  });
  it('inWindow drops old and future entries', () => {
    expect(inWindow([0, 10, 50, 200], 100, 60)).toEqual([50]);
  });
});
