import { isHeavyTrack } from '../../e2e/harness/fault-proxy';
import { recoveryMs, type Sample } from '../../e2e/matrix/measure';

const track = (sid: string, from: number, to: number, startFrames: number, step = 2): Sample[] => {
  const out: Sample[] = [];
  for (let at = from, frames = startFrames; at <= to; at += 100, frames += step) out.push({ at, identity: 'a', sid, frames });
  return out;
};

describe('e2e recovery measure', () => {
  it('an undisturbed track recovers at its first frame after the fault', () => {
    expect(recoveryMs(track('t1', 0, 3_000, 0), 'a', 1_050)).toBe(50);
  });
  it('jitter-buffer frames after the fault do not count; the first frame after the freeze does', () => {
    const samples = [...track('t1', 0, 1_200, 0), ...track('t1', 1_300, 4_000, 24, 0).map((s) => ({ ...s, frames: 24 })), ...track('t1', 4_100, 6_000, 25)];
    expect(recoveryMs(samples, 'a', 1_000)).toBe(3_100);
  });
  it('a replaced Room: the old track stops, the new one counts', () => {
    const samples = [...track('old', 0, 1_200, 0), ...track('new', 2_500, 5_000, 0)];
    expect(recoveryMs(samples, 'a', 1_000)).toBe(1_600);
  });
  it('never back → null', () => {
    expect(recoveryMs(track('t1', 0, 1_200, 0), 'a', 5_000)).toBeNull();
  });
});

describe('fault proxy: which sessions the answers-dropped scenario starves', () => {
  it('a VP9/AV1 camera or one in several layers is heavy; the stable profile (VP8, one layer) is not', () => {
    expect(isHeavyTrack({ simulcastCodecs: [{ codec: 'vp9' }], layers: [{}] })).toBe(true);
    expect(isHeavyTrack({ simulcastCodecs: [{ codec: 'vp8' }], layers: [{}, {}, {}] })).toBe(true);
    expect(isHeavyTrack({ simulcastCodecs: [{ codec: 'vp8' }], layers: [{}] })).toBe(false);
    expect(isHeavyTrack({ simulcastCodecs: [], layers: [] })).toBe(false);
  });
});
