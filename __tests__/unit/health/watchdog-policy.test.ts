import fc from 'fast-check';
import { createWatchdogMemory, holdAll, stepWatchdog, type TrackSample, type Verdict } from '../../../src/health/watchdog-policy';

const limits = { staleMs: 4_000, reconnectCooldownMs: 60_000 };
const remote = (progress: number, expected = true): TrackSample => ({ scope: 'remote', identity: 'bob', trackSid: 'TR_1', source: 'camera', expected, progress });
const types = (v: Verdict[]) => v.map((x) => x.type);

/** Feeds one sample a second for `seconds`, from `start`; returns every verdict with its time. */
function run(memory = createWatchdogMemory(), samples: (second: number) => TrackSample[], seconds: number, start = 0) {
  const out: { at: number; verdict: Verdict }[] = [];
  for (let s = 0; s <= seconds; s++) for (const verdict of stepWatchdog(memory, samples(s), start + s * 1_000, limits)) out.push({ at: start + s * 1_000, verdict });
  return out;
}

describe('stepWatchdog', () => {
  it('flags a silent track once at staleMs, remedies it, escalates once silent SOURCE_GRADE_WAIT_MS; silent after the reconnect too: light remedies once a cooldown, no more reconnects', () => {
    const verdicts = run(undefined, (s) => [remote(s < 5 ? s * 30 : 120)], 140);
    expect(verdicts.map((v) => [v.at, v.verdict.type])).toEqual([[8_000, 'stale'], [8_000, 'remedy'], [20_000, 'escalate'], [24_000, 'remedy'], [84_000, 'remedy']]);
  });

  it('our own camera escalates staleMs after its restart (no grade to wait for)', () => {
    const local = (progress: number): TrackSample => ({ ...remote(progress), scope: 'local', identity: 'ann' });
    const verdicts = run(undefined, () => [local(0)], 10);
    expect(verdicts.map((v) => [v.at, v.verdict.type])).toEqual([[4_000, 'stale'], [4_000, 'remedy'], [8_000, 'escalate']]);
  });

  it('frames again after the remedy → recovered by resubscribe (remote) / restart (local)', () => {
    const memory = createWatchdogMemory();
    run(memory, () => [remote(0)], 5);
    expect(types(stepWatchdog(memory, [remote(0), { ...remote(0), scope: 'local', identity: 'ann' }], 5_500, limits))).toEqual([]);
    const back = stepWatchdog(memory, [remote(30)], 6_000, limits);
    expect(back).toEqual([{ type: 'recovered', sample: remote(30), by: 'resubscribe' }]);
  });

  it('a counter that falls to 0 (a new receiver) is not progress; growing from there is', () => {
    const memory = createWatchdogMemory();
    run(memory, () => [remote(900)], 5); // flagged and remedied at 4 s
    expect(types(stepWatchdog(memory, [remote(0)], 6_000, limits))).toEqual([]);
    expect(types(stepWatchdog(memory, [remote(30)], 7_000, limits))).toEqual(['recovered']);
  });

  it('another remote camera decoding means our path works: the silent one gets no reconnect while it does', () => {
    const carol = (progress: number): TrackSample => ({ ...remote(progress), identity: 'carol' });
    const verdicts = run(undefined, (s) => [remote(0), carol(s < 20 ? s * 30 : 570)], 40);
    const escalations = verdicts.filter((v) => v.verdict.type === 'escalate').map((v) => [v.at, v.verdict.sample.identity]);
    // bob: stale at 4 s, but carol decodes until 19 s: only remedies. From 20 s nothing flows: ours.
    expect(escalations).toEqual([[20_000, 'bob']]);
    expect(verdicts.filter((v) => v.at < 20_000).map((v) => v.verdict.type)).toEqual(['stale', 'remedy']);
  });

  it('one reconnect per cooldown for the whole call: a second silent track inside it gets light remedies', () => {
    const carol = (progress: number): TrackSample => ({ ...remote(progress), identity: 'carol' });
    const verdicts = run(undefined, () => [remote(0), carol(0)], 130);
    const escalations = verdicts.filter((v) => v.verdict.type === 'escalate').map((v) => [v.at, v.verdict.sample.identity]);
    expect(escalations).toEqual([[16_000, 'bob'], [76_000, 'carol']]);
  });

  it('a track that recovers is trusted again: its next silence may reconnect', () => {
    const memory = createWatchdogMemory();
    run(memory, () => [remote(0)], 20); // escalated at 8 s, futile from 12 s
    expect(types(stepWatchdog(memory, [remote(30)], 21_000, limits))).toEqual(['recovered']);
    const later = run(memory, () => [remote(30)], 20, 100_000);
    expect(later.map((v) => v.verdict.type)).toEqual(['stale', 'remedy', 'escalate', 'remedy']);
  });

  it('time held (not connected, hidden) does not count as silence', () => {
    const memory = createWatchdogMemory();
    stepWatchdog(memory, [remote(0)], 0, limits);
    holdAll(memory, 60_000);
    expect(stepWatchdog(memory, [remote(0)], 63_000, limits)).toEqual([]);
    expect(types(stepWatchdog(memory, [remote(0)], 64_000, limits))).toEqual(['stale', 'remedy']);
  });

  it('a track gone for staleMs is forgotten (a returning one starts afresh); back sooner (republished by a reconnect) it keeps its history', () => {
    const memory = createWatchdogMemory();
    run(memory, () => [remote(0)], 5); // stale and remedied at 4 s
    stepWatchdog(memory, [], 6_000, limits);
    stepWatchdog(memory, [], 8_000, limits);
    expect(memory.tracks.size).toBe(1);
    expect(stepWatchdog(memory, [remote(30)], 9_000, limits)).toEqual([{ type: 'recovered', sample: remote(30), by: 'resubscribe' }]);
    stepWatchdog(memory, [], 10_000, limits);
    stepWatchdog(memory, [], 14_000, limits);
    expect(memory.tracks.size).toBe(0);
    expect(stepWatchdog(memory, [remote(0)], 15_000, limits)).toEqual([]);
  });

  it('property: a track that keeps progressing (or is not expected to) never yields a verdict', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ dt: fc.integer({ min: 1, max: 3_999 }), step: fc.integer({ min: 1, max: 100 }), expected: fc.boolean() }), { maxLength: 200 }), (steps) => {
        const memory = createWatchdogMemory();
        let now = 0;
        let progress = 0;
        for (const { dt, step, expected } of steps) {
          now += dt;
          progress += step;
          if (stepWatchdog(memory, [remote(progress, expected)], now, limits).length > 0) return false;
        }
        return true;
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('property: every silence of ≥ staleMs while expected is flagged exactly once, and every flag is followed by recovered when media returns', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }), (silences) => {
        const memory = createWatchdogMemory();
        let now = 0;
        let progress = 1;
        let flags = 0;
        let expectedFlags = 0;
        let recovered = 0;
        stepWatchdog(memory, [remote(progress)], now, limits);
        for (const seconds of silences) {
          for (let s = 0; s < seconds; s++) {
            now += 1_000;
            flags += stepWatchdog(memory, [remote(progress)], now, limits).filter((v) => v.type === 'stale').length;
          }
          if (seconds * 1_000 >= limits.staleMs) expectedFlags += 1;
          now += 1_000;
          progress += 30;
          recovered += stepWatchdog(memory, [remote(progress)], now, limits).filter((v) => v.type === 'recovered').length;
        }
        return flags === expectedFlags && recovered === expectedFlags;
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });
});
