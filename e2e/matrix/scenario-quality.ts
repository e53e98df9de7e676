// Sustained packet loss on the media path: the library must switch to `stable` for quality, and
// go back to `hd` by itself (hdRetry=auto) once the loss has ended and the healthy window passed.
// Chromium only (plan.ts).
import { sleep, waitFor } from '../harness/proc';
import { pageCall } from '../env';
import { room, type Scenario } from './scenarios';
import { assess, openTrio, status, type Subject } from './subjects';
import { firstStable, watchdogSteps, watcherSees } from './health-measure';

/**
 * Share of the UDP going into the server's media port (every publisher's uplink and the
 * subscribers' RTCP; a reconnect's new ports too) that is dropped. livekit-server scores a video
 * track 100 − 10 × loss% and an audio (RED) track 100 − 4 × loss% (connectionquality/), on the
 * loss left after NACK retransmissions; Poor is a score ≤ 40. e2e/README.md has the shares tried.
 */
export const LOSS_SHARE = Number(process.env.E2E_LOSS_SHARE ?? 0.3); // E2E_LOSS_SHARE tries another share

/** Shortened windows of the quality policy (the library's defaults are 10 s and 10 min). */
const LIBRARY_QUERY = { poorQualityMs: '4000', hdRetryAfterMs: '20000', hdRetry: 'auto' };

type CallState = { status: string; videoProfile: string; profileChange: { profile: string; reason: string } | null };
type Quality = { connectionQuality: string; profile: string; outbound: { mimeTypes: string[]; layers: number } | null };

const stateOf = (s: Subject) => pageCall<CallState>(s.page, 'state');
const onProfile = (s: Subject, profile: string, reason: RegExp) => async () => {
  const st = await stateOf(s);
  return st.videoProfile === profile && reason.test(st.profileChange?.reason ?? '') && st.status === 'connected';
};

/** Every ConnectionQuality a subject reported (with ms since `from()`), without repeats; and the camera as the browser sends it. */
function qualityLog(subjects: Subject[], from: () => number) {
  const seen = new Map<string, string[]>(subjects.map((s) => [s.kind, []]));
  const last = new Map<string, string>();
  const sent = new Map<string, string>();
  let on = true;
  const loop = (async () => {
    while (on) {
      for (const s of subjects) {
        const q = await pageCall<Quality>(s.page, 'quality').catch(() => undefined);
        const list = seen.get(s.kind)!;
        if (q && last.get(s.kind) !== q.connectionQuality) list.push(`${q.connectionQuality}@${Date.now() - from()}`);
        if (q) last.set(s.kind, q.connectionQuality);
        if (q?.outbound) sent.set(s.kind, `${q.profile} ${q.outbound.mimeTypes.join('+')}×${q.outbound.layers}`);
      }
      await sleep(500);
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
    },
    of: (s: Subject) => `quality=${seen.get(s.kind)!.join('→')} sent=${sent.get(s.kind) ?? '?'}`,
  };
}

export const sustainedLoss: Scenario = {
  name: 'sustained-loss-quality',
  libraryShouldRecover: true,
  mediaFault: true,
  // ~47 s a run, and what it checks are transitions (stable for quality, back to hd), not a timing goal.
  runs: 1,
  async run(env, run) {
    const packets = env.packets();
    const trio = await openTrio(env, room('loss', run), env.server.wsUrl, ['library', 'baseline'], undefined, LIBRARY_QUERY);
    let lossAt = Date.now();
    const log = qualityLog([trio.library, trio.baseline], () => lossAt);
    try {
      packets.dropRandom({ dport: env.server.options.udpPort, probability: LOSS_SHARE });
      lossAt = Date.now();
      const stableAt = await waitFor('library on stable for quality', onProfile(trio.library, 'stable', /^quality:/), 60_000, 250).then(() => Date.now(), () => null);
      const dropped = packets.counters().reduce((n, c) => n + c.packets, 0);
      packets.clear();
      const clearAt = Date.now();
      const hdAt = stableAt === null ? null : await waitFor('library back on hd', onProfile(trio.library, 'hd', /^quality-restored/), 60_000, 250).then(() => Date.now(), () => null);
      const libraryFlows = hdAt !== null && (await firstStable(() => watcherSees(trio, trio.library, hdAt), 20_000, 2_000)) !== null;
      const baselineFlows = (await firstStable(() => watcherSees(trio, trio.baseline, clearAt), 10_000, 2_000)) !== null;
      await log.stop();
      const times = `lossToStable=${stableAt === null ? '–' : stableAt - lossAt} lossEndToHd=${hdAt === null ? '–' : hdAt - clearAt}`;
      return [
        await assess(this.name, run, trio, trio.library, clearAt, {
          recovered: stableAt !== null && hdAt !== null && libraryFlows,
          recoveryMs: hdAt === null ? null : hdAt - clearAt,
          detail: `${times} loss=${LOSS_SHARE} dropped=${dropped} flows=${libraryFlows} ${log.of(trio.library)} steps=${(await watchdogSteps(trio.library, lossAt)).join('; ')}`,
        }),
        await assess(this.name, run, trio, trio.baseline, clearAt, { recovered: baselineFlows && (await status(trio.baseline)) === 'connected', detail: log.of(trio.baseline) }),
      ];
    } finally {
      packets.clear();
      await log.stop();
      await trio.close();
    }
  },
};
