import fc from 'fast-check';
import {
  MAX_HD_RETRY_FACTOR,
  isQualityFallback,
  nextHdRetryMs,
  qualityFallbackReason,
  qualityRestoredReason,
  qualityStep,
  shouldFallBackForQuality,
  shouldOfferHd,
  type QualityPolicyInput,
} from '../../../src/quality/quality-policy';

const hd: QualityPolicyInput = {
  now: 100_000,
  profile: 'hd',
  roomProfile: 'hd',
  connected: true,
  troubleSince: null,
  healthySince: null,
  probationUntil: null,
  stableByQuality: false,
  offerStanding: false,
  failures: 0,
  poorQualityMs: 10_000,
  hdRetryAfterMs: 600_000,
};
const stable: QualityPolicyInput = { ...hd, profile: 'stable', roomProfile: 'stable', stableByQuality: true, now: 1_000_000 };

describe('nextHdRetryMs', () => {
  it('doubles per failure, at most 8×', () => {
    expect([0, 1, 2, 3, 4, 50].map((n) => nextHdRetryMs(n, 1_000))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });
  it('is never below the base nor above the cap, and never shrinks with more failures', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000_000), (failures, base) => {
        const ms = nextHdRetryMs(failures, base);
        return ms >= base && ms <= base * MAX_HD_RETRY_FACTOR && ms <= nextHdRetryMs(failures + 1, base);
      }),
    );
  });
  it('odd failure counts (negative, fractional, NaN) are read as none or rounded down', () => {
    expect(nextHdRetryMs(-3, 1_000)).toBe(1_000);
    expect(nextHdRetryMs(Number.NaN, 1_000)).toBe(1_000);
    expect(nextHdRetryMs(1.9, 1_000)).toBe(2_000);
  });
});

describe('shouldFallBackForQuality', () => {
  it('trouble for poorQualityMs on hd, connected → fall back; shorter → wait the rest', () => {
    expect(shouldFallBackForQuality({ ...hd, troubleSince: 90_000 })).toEqual({ kind: 'fall-back', troubleForMs: 10_000, inProbation: false });
    expect(shouldFallBackForQuality({ ...hd, troubleSince: 95_000 })).toEqual({ kind: 'wait', ms: 5_000 });
  });
  it('nothing without trouble, off hd (store or Room in use), or not connected', () => {
    const trouble = { ...hd, troubleSince: 0 };
    expect(shouldFallBackForQuality(hd).kind).toBe('idle');
    expect(shouldFallBackForQuality({ ...trouble, profile: 'stable' }).kind).toBe('idle');
    expect(shouldFallBackForQuality({ ...trouble, roomProfile: 'stable' }).kind).toBe('idle');
    expect(shouldFallBackForQuality({ ...trouble, connected: false }).kind).toBe('idle');
  });
  it('trouble that began inside the probation falls back at once', () => {
    expect(shouldFallBackForQuality({ ...hd, troubleSince: 100_000, probationUntil: 100_001 })).toEqual({ kind: 'fall-back', troubleForMs: 0, inProbation: true });
    expect(shouldFallBackForQuality({ ...hd, troubleSince: 100_000, probationUntil: 100_000 }).kind).toBe('wait');
  });
  it('never falls back before poorQualityMs outside a probation', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(100_000), (since, elapsed, poorQualityMs) => {
        const step = shouldFallBackForQuality({ ...hd, poorQualityMs, troubleSince: since, now: since + elapsed });
        return step.kind === 'fall-back' ? elapsed >= poorQualityMs : step.kind === 'wait' && step.ms === poorQualityMs - elapsed;
      }),
    );
  });
});

describe('shouldOfferHd', () => {
  it('a stable of ours, healthy for the window → offer; before → wait the rest', () => {
    expect(shouldOfferHd({ ...stable, healthySince: 400_000 })).toEqual({ kind: 'offer-hd', healthyForMs: 600_000 });
    expect(shouldOfferHd({ ...stable, healthySince: 500_000 })).toEqual({ kind: 'wait', ms: 100_000 });
  });
  it('the window grows with failures', () => {
    expect(shouldOfferHd({ ...stable, healthySince: 400_000, failures: 1 })).toEqual({ kind: 'wait', ms: 600_000 });
  });
  it("no offer for a stable that is not ours, while one stands, without a healthy report, or on the wrong Room", () => {
    const healthy = { ...stable, healthySince: 0 };
    expect(shouldOfferHd({ ...healthy, stableByQuality: false }).kind).toBe('idle');
    expect(shouldOfferHd({ ...healthy, offerStanding: true }).kind).toBe('idle');
    expect(shouldOfferHd({ ...stable, healthySince: null }).kind).toBe('idle');
    expect(shouldOfferHd({ ...healthy, roomProfile: 'hd' }).kind).toBe('idle');
    expect(shouldOfferHd({ ...healthy, connected: false }).kind).toBe('idle');
  });
});

describe('qualityStep', () => {
  it('on hd it is the fallback question, on stable the offer question', () => {
    expect(qualityStep({ ...hd, troubleSince: 0 }).kind).toBe('fall-back');
    expect(qualityStep({ ...stable, healthySince: 0 }).kind).toBe('offer-hd');
    expect(qualityStep(hd).kind).toBe('idle');
  });
});

describe('reasons', () => {
  it('fallback reasons start with "quality:", the restore reason does not', () => {
    expect(qualityFallbackReason('poor', { troubleForMs: 10_000.4, inProbation: false })).toBe('quality: poor for 10000 ms');
    expect(qualityFallbackReason('lost', { troubleForMs: 0, inProbation: true })).toBe('quality: lost again after the return to HD (0 ms)');
    expect(qualityRestoredReason(600_000)).toBe('quality-restored: healthy for 600000 ms');
    expect(isQualityFallback('quality: poor for 1 ms')).toBe(true);
    expect(isQualityFallback(qualityRestoredReason(1))).toBe(false);
    expect(isQualityFallback('negotiation-errors: 2 within 60000 ms')).toBe(false);
    expect(isQualityFallback(undefined)).toBe(false);
  });
});
