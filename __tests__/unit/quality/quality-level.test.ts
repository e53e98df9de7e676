import { ConnectionQuality } from 'livekit-client';
import fc from 'fast-check';
import type { QualityLevel } from '../../../src/call/types';
import { isHealthy, isQualityTransition, isTrouble, qualityLevel } from '../../../src/quality/quality-level';

const LEVELS: QualityLevel[] = ['excellent', 'good', 'poor', 'lost', 'unknown'];

describe('qualityLevel', () => {
  it("maps every livekit-client ConnectionQuality to its level", () => {
    expect(Object.values(ConnectionQuality).map(qualityLevel)).toEqual(['excellent', 'good', 'poor', 'lost', 'unknown']);
  });
  it('anything else is unknown', () => {
    for (const junk of [undefined, null, 3, 'bad', 'toString', '__proto__', {}, []]) expect(qualityLevel(junk)).toBe('unknown');
  });
  it('poor and lost are trouble; good and excellent are healthy; unknown is neither', () => {
    expect(LEVELS.filter(isTrouble)).toEqual(['poor', 'lost']);
    expect(LEVELS.filter(isHealthy)).toEqual(['excellent', 'good']);
  });
});

describe('isQualityTransition', () => {
  it('good ↔ excellent and repeats are dropped; unknown never passes', () => {
    expect(isQualityTransition('good', 'excellent')).toBe(false);
    expect(isQualityTransition('excellent', 'good')).toBe(false);
    expect(isQualityTransition('poor', 'poor')).toBe(false);
    for (const last of LEVELS) expect(isQualityTransition(last, 'unknown')).toBe(false);
  });
  it('into and out of trouble, poor ↔ lost, and the first healthy report pass', () => {
    expect(isQualityTransition('good', 'poor')).toBe(true);
    expect(isQualityTransition('lost', 'excellent')).toBe(true);
    expect(isQualityTransition('poor', 'lost')).toBe(true);
    expect(isQualityTransition('unknown', 'good')).toBe(true);
  });
  it('a healthy stream of any length passes at most one report (the first)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<QualityLevel>('good', 'excellent', 'unknown'), { maxLength: 2_000 }), (reports) => {
        let last: QualityLevel = 'unknown';
        let passed = 0;
        for (const level of reports) {
          if (!isQualityTransition(last, level)) continue;
          passed += 1;
          last = level;
        }
        return passed <= 1;
      }),
    );
  });
  it('every trouble edge of any stream passes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LEVELS), { maxLength: 300 }), (reports) => {
        let last: QualityLevel = 'unknown';
        let kept: QualityLevel = 'unknown'; // the last non-unknown report, as the listener keeps it
        for (const level of reports) {
          const edge = level !== 'unknown' && isTrouble(level) !== isTrouble(kept);
          if (edge && !isQualityTransition(last, level)) return false;
          if (isQualityTransition(last, level)) last = level;
          if (level !== 'unknown') kept = level;
        }
        return true;
      }),
    );
  });
});
