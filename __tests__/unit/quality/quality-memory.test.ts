import { afterDismiss, afterOffer, afterProfileChange, afterQualityFallback, initialQualityMemory, newSessionMemory } from '../../../src/quality/quality-memory';

const at = 0;
const ours = initialQualityMemory('stable', { profile: 'stable', reason: 'quality: poor for 10000 ms', at });

describe('quality memory', () => {
  it('knows a stable of ours from its reason, and only on stable', () => {
    expect(ours.stableByQuality).toBe(true);
    expect(initialQualityMemory('stable', { profile: 'stable', reason: 'negotiation-errors: 2 within 60000 ms', at }).stableByQuality).toBe(false);
    expect(initialQualityMemory('stable', { profile: 'stable', reason: 'user', at }).stableByQuality).toBe(false);
    expect(initialQualityMemory('stable', null).stableByQuality).toBe(false);
    expect(initialQualityMemory('hd', { profile: 'stable', reason: 'quality: poor for 1 ms', at }).stableByQuality).toBe(false);
  });
  it('switching to HD while our offer stands is accepting it: probation', () => {
    const offered = afterOffer(ours);
    expect(afterProfileChange(offered, { profile: 'hd', reason: 'user', at }, 5, 100)).toMatchObject({ probationUntil: 105, offered: false, stableByQuality: false });
  });
  it('the user switching to HD with no offer standing is no probation', () => {
    expect(afterProfileChange(ours, { profile: 'hd', reason: 'user', at }, 5, 100).probationUntil).toBeNull();
  });
  it('our automatic return is on probation', () => {
    expect(afterProfileChange(ours, { profile: 'hd', reason: 'quality-restored: healthy for 1 ms', at }, 5, 100).probationUntil).toBe(105);
  });
  it('a fallback inside the probation is a failed return; outside it is not', () => {
    expect(afterQualityFallback({ ...ours, probationUntil: 9 }, true)).toMatchObject({ failures: 1, probationUntil: null });
    expect(afterQualityFallback(ours, false).failures).toBe(0);
  });
  it('declining a standing offer counts like a failed return; a stray dismiss does not', () => {
    expect(afterDismiss(afterOffer(ours))).toMatchObject({ failures: 1, offered: false });
    expect(afterDismiss(ours).failures).toBe(0);
  });
  it('a new session starts the hysteresis over and keeps whose stable it is', () => {
    expect(newSessionMemory({ failures: 3, probationUntil: 7, offered: true, stableByQuality: true })).toEqual({ failures: 0, probationUntil: null, offered: false, stableByQuality: true });
  });
});
