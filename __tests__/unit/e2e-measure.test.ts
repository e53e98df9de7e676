import { isHeavyTrack } from '../../e2e/harness/fault-proxy';
import { BROWSER_NET_LOG, countTokenLeaks, recoveryMs, tokenLeakSites, type Sample } from '../../e2e/matrix/measure';

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

describe('e2e token-leak accounting', () => {
  // Built at run time so that no JWT-shaped literal sits in the source.
  const jwt = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiJhbGljZSIsImV4cCI6MX0', 'c2lnbmF0dXJlLXNpZ25hdHVyZQ'].join('.');
  const url = `ws://127.0.0.1:7880/rtc/v1?access_token=${jwt}&join_request=CAES`;

  it("Chromium's own WebSocket lines are the browser's, also the warning for a socket closed while connecting", () => {
    expect(BROWSER_NET_LOG.test(`error: WebSocket connection to '${url}' failed: `)).toBe(true);
    // Printed at warning level by Blink (seen in a CI run of cut-past-sdk-retry-budget; reproduced with a bare WebSocket).
    expect(BROWSER_NET_LOG.test(`warning: WebSocket connection to '${url}' failed: WebSocket is closed before the connection is established.`)).toBe(true);
  });

  it('a console call of the page carrying a token is a leak, whatever its level or wording', () => {
    for (const line of [`warning: WebSocket connection to '${url}' failed: something else`, `warning: reconnecting with ${jwt}`, `log: WebSocket connection to '${url}' failed: WebSocket is closed before the connection is established.`]) {
      expect(BROWSER_NET_LOG.test(line)).toBe(false);
      expect(countTokenLeaks([line])).toBe(1);
    }
  });

  it('a leak is reported with where it sat, never with the token itself', () => {
    const sites = tokenLeakSites({ state: { lastError: null }, actions: [{ type: 'call/failed', payload: { message: `invalid token: ${jwt}` } }] });
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatch(/^actions: .*invalid token: \[JWT\]/);
    expect(sites[0]).not.toContain(jwt);
  });
});
