// Media that dies while the call says connected (issue 14): the library's watchdog must bring it
// back; the plain page shows what apps get today. Chromium only (plan.ts).
import { sleep, waitFor } from '../harness/proc';
import { pageCall, type E2EEnv } from '../env';
import { recoveryMs } from './measure';
import { room, type Scenario } from './scenarios';
import { assess, openTrio, samplesOf, type Subject, type Trio } from './subjects';
import { decodes, firstStable, inboundNow, inboundRecoveryMs, otherOf, remedyUsed, resumedOnTrack, watcherSees, watchdogSteps } from './health-measure';

/** How long the plain page is watched for a recovery it should not make on its own. */
const PLAIN_PAGE_WATCH_MS = 15_000;

/** Both subjects decode each other's camera before the fault (else "dead afterwards" means nothing). */
async function seeEachOther(trio: Trio) {
  for (const s of [trio.library, trio.baseline]) await waitFor(`${s.kind} decodes ${otherOf(trio, s).kind}`, () => decodes(s, otherOf(trio, s), 0), 20_000, 250);
}

/** The SFU hangs for 20 s (SIGSTOP), then goes on (SIGCONT): every subject must show frames to the watcher and to the other subject. */
export const sfuFrozen: Scenario = {
  name: 'sfu-frozen-20s',
  libraryShouldRecover: true,
  mediaFault: true,
  async run(env, run) {
    const trio = await openTrio(env, room('frozen', run), env.server.wsUrl);
    try {
      await seeEachOther(trio);
      await env.server.freeze(20_000);
      const cont = Date.now();
      // Shown to the watcher AND decoding the other subject, held for 3 s; measured from SIGCONT.
      const back = (s: Subject) => async () => (await watcherSees(trio, s, cont)) && (await decodes(s, otherOf(trio, s), cont));
      const [libraryAt, baselineAt] = await Promise.all([firstStable(back(trio.library), 60_000), firstStable(back(trio.baseline), 60_000)]);
      const records = [];
      for (const [s, at] of [[trio.library, libraryAt], [trio.baseline, baselineAt]] as const) {
        const seen = await watcherSees(trio, s, cont);
        const sees = await decodes(s, otherOf(trio, s), cont);
        // The library cannot decode a plain page that never came back: then the watcher's view is its only test.
        const otherDead = !(await watcherSees(trio, otherOf(trio, s), cont));
        const ok = at !== null || (s.kind === 'library' && seen && otherDead);
        records.push(await assess(this.name, run, trio, s, cont, { recovered: ok, recoveryMs: at === null ? null : at - cont, detail: `seenByWatcher=${seen} decodesOther=${sees} otherDead=${otherDead} steps(from SIGCONT)=${(await watchdogSteps(s, cont - 25_000, cont)).join('; ')}` }));
      }
      return records;
    } finally {
      await trio.close();
    }
  },
};

/** The SSRCs that carry `from`'s camera into `into` now (one per receiver). */
async function ssrcsInto(into: Subject, from: Subject): Promise<number[]> {
  return (await inboundNow(into)).filter((s) => s.identity === from.identity && s.ssrc !== null).map((s) => s.ssrc!);
}

/**
 * The video going into each subject is dropped on the wire (its inbound SSRC), while signal and
 * everything else stay up: a receive path that died silently. The library's watchdog must get
 * its own inbound frames back (a resubscribe gives a new SSRC: see e2e/README.md); the plain page
 * has no such thing and stays dark. The filter follows the plain page's inbound: when the library
 * republishes (its reconnect), the plain page gets a new SSRC, which is dropped too.
 */
export const remoteVideoStale: Scenario = {
  name: 'remote-video-stale',
  libraryShouldRecover: true,
  baselineShouldRecover: false,
  mediaFault: true,
  async run(env, run) {
    const packets = env.packets();
    const trio = await openTrio(env, room('stale', run), env.server.wsUrl);
    try {
      await seeEachOther(trio);
      const intoLibrary = await ssrcsInto(trio.library, trio.baseline);
      for (const ssrc of [...intoLibrary, ...(await ssrcsInto(trio.baseline, trio.library))]) packets.dropRtpSsrc(ssrc);
      const dropAt = Date.now();
      let libraryAt: number | null = null;
      // A recovery counts only after the picture was seen dead (the drop took effect).
      let libraryDead = false;
      while (Date.now() - dropAt < 30_000 && (libraryAt === null || Date.now() - dropAt < PLAIN_PAGE_WATCH_MS)) {
        for (const ssrc of await ssrcsInto(trio.baseline, trio.library)) packets.dropRtpSsrc(ssrc);
        libraryDead ||= !(await decodes(trio.library, trio.baseline, dropAt));
        if (libraryDead && libraryAt === null && (await inboundRecoveryMs(trio.library, trio.baseline, dropAt)) !== null) libraryAt = Date.now();
        await sleep(250);
      }
      const libraryMs = libraryDead ? await inboundRecoveryMs(trio.library, trio.baseline, dropAt) : null;
      const baselineMs = await inboundRecoveryMs(trio.baseline, trio.library, dropAt);
      const dropped = packets.counters().map((c) => `${c.rule.replace(/.*\/\* (.*) \*\/.*/, '$1')}:${c.packets}`).join(',');
      const libraryNow = await ssrcsInto(trio.library, trio.baseline);
      packets.clear();
      const remedy = await remedyUsed(trio.library, dropAt);
      const filtered = `dropped=${dropped}`;
      return [
        await assess(this.name, run, trio, trio.library, dropAt, {
          recovered: libraryMs !== null,
          recoveryMs: libraryMs,
          detail: `remedy=${remedy} dead=${libraryDead} inboundSsrc ${intoLibrary.join(',')}→${libraryNow.join(',')} ${filtered} steps=${(await watchdogSteps(trio.library, dropAt)).join('; ')}`,
        }),
        await assess(this.name, run, trio, trio.baseline, dropAt, { recovered: baselineMs !== null, recoveryMs: baselineMs, detail: `watched ${Date.now() - dropAt} ms ${filtered}` }),
      ];
    } finally {
      packets.clear();
      await trio.close();
    }
  },
};

/** Each subject's published camera sender loses its track (`replaceTrack(null)`): live, unmuted, published, sending nothing. */
export const cameraSenderSilent: Scenario = {
  name: 'camera-sender-silent',
  libraryShouldRecover: true,
  baselineShouldRecover: false,
  mediaFault: true,
  async run(env: E2EEnv, run: number) {
    const trio = await openTrio(env, room('silent', run), env.server.wsUrl);
    try {
      const cameraSid = (await samplesOf(trio.watcher, Date.now() - 2_000)).filter((x) => x.identity === trio.library.identity).pop()?.sid ?? '';
      const results = await Promise.all([pageCall<string>(trio.library.page, 'silenceCamera'), pageCall<string>(trio.baseline.page, 'silenceCamera')]);
      const silencedAt = Date.now();
      const backMs = async (s: Subject) => recoveryMs(await samplesOf(trio.watcher, silencedAt - 5_000), s.identity, silencedAt);
      // A recovery counts only after the watcher saw the subject's picture dead (the silencing took).
      const dead = { library: false, baseline: false };
      let libraryBack: number | null = null;
      // The server's grade of the silenced plain page, as the library sees it (it decides whether the watchdog may reconnect for it).
      const grades: string[] = [];
      while (Date.now() - silencedAt < 30_000 && (libraryBack === null || Date.now() - silencedAt < PLAIN_PAGE_WATCH_MS)) {
        const grade = (await pageCall<Record<string, string>>(trio.library.page, 'remoteQuality'))[trio.baseline.identity] ?? 'none';
        if (!grades[grades.length - 1]?.startsWith(`${grade}@`)) grades.push(`${grade}@${Date.now() - silencedAt}`);
        for (const s of [trio.library, trio.baseline]) dead[s.kind] ||= !(await watcherSees(trio, s, silencedAt));
        if (dead.library && libraryBack === null && (await backMs(trio.library)) !== null) libraryBack = Date.now();
        await sleep(250);
      }
      const libraryMs = dead.library ? await backMs(trio.library) : null;
      // Never dark counts as recovered: the fault was not reproduced on the plain page, and the matrix says so.
      const baselineMs = dead.baseline ? await backMs(trio.baseline) : 0;
      const remedy = await remedyUsed(trio.library, silencedAt);
      // Frames on the same publication again: the restart worked in the watcher's eyes (a reconnect would republish under a new sid).
      const sameTrackMs = resumedOnTrack(await samplesOf(trio.watcher, silencedAt - 5_000), cameraSid, silencedAt);
      return [
        await assess(this.name, run, trio, trio.library, silencedAt, { recovered: libraryMs !== null, recoveryMs: libraryMs, detail: `silence=${results[0]} dead=${dead.library} remedy=${remedy} sameTrackBackMs=${sameTrackMs ?? '–'} steps=${(await watchdogSteps(trio.library, silencedAt)).join('; ')}` }),
        await assess(this.name, run, trio, trio.baseline, silencedAt, { recovered: baselineMs !== null, recoveryMs: baselineMs, detail: `silence=${results[1]} dead=${dead.baseline} gradeSeenByLibrary=${grades.join('→')} watched ${Date.now() - silencedAt} ms` }),
      ];
    } finally {
      await trio.close();
    }
  },
};
