// Issue 18: a controlled reconnect (a new Room) must keep the call's media setup: the same
// camera / microphone / screen-share LocalTracks (no new getUserMedia / getDisplayMedia), the
// chosen devices, the camera's processor, the watcher's volume and the speaker. Both subjects set
// up the same (devices, marker processor, volume, a clicked screen share); four steps follow, and
// after each the watcher and the pages say what is left. Then the library alone: its camera's
// capture ends, with a working and with a broken processor (media-setup-capture-steps.ts; Chromium only).
// Chromium and Firefox (plan.ts): what a headless Firefox cannot set up is skipped with its reason
// (media-setup-limits.ts), never passed.
import { waitFor } from '../harness/proc';
import { pageCall, type E2EEnv } from '../env';
import type { MediaSetupView } from '../page/media-setup';
import { SHARE_BUTTON, VOLUME } from '../page/setup-constants';
import { firstStable } from './health-measure';
import { notPlayedStep, stepProblems, wholeRunProblems, type MediaSetupStep } from './media-setup-judge';
import { ENGINE_LIMITS, formatSkips } from './media-setup-limits';
import { formatStep } from './media-setup-report';
import { CAPTURE_STEP_ENGINES, CAPTURE_STEPS } from './media-setup-capture-steps';
import { markersOf, observe, serverScreenShare, view } from './media-setup-probe';
import { STEPS } from './media-setup-steps';
import { room, type Scenario } from './scenarios';
import { assess, openTrio, type Subject, type SubjectKind, type Trio } from './subjects';

/** Three fake cameras, microphones and speakers (the setup picks the 2nd camera, 3rd mic, 2nd speaker). */
export const MEDIA_SETUP_ARGS = ['--use-fake-device-for-media-stream=device-count=3'];

/** Devices, processor and volume on both pages, then a real click on each page's share button; done when the watcher sees marked frames. */
async function setUp(env: E2EEnv, trio: Trio, watcher: string) {
  const subjects = [trio.library, trio.baseline];
  const limits = ENGINE_LIMITS[trio.engine];
  for (const s of subjects) await pageCall(s.page, 'setupMedia', watcher);
  for (const s of subjects) await s.page.click(`#${SHARE_BUTTON}`);
  // Where the engine has no screen (its limit), the refused getDisplayMedia ends the wait; elsewhere only a published share does.
  const shareSettled = async (s: Subject) => {
    const v = await view(s);
    return (Boolean(v?.screenShare.published) && (await serverScreenShare(env, trio, s.identity))) || Boolean(limits.screenShare && v?.unavailable.screenShare);
  };
  for (const s of subjects) await waitFor(`${s.kind} screen share published (or refused, where the engine has no screen)`, () => shareSettled(s), 20_000, 250);
  for (const s of subjects) {
    const from = (await markersOf(trio, s)).marked;
    const ok = await firstStable(async () => (await markersOf(trio, s)).marked > from + 20, 20_000, 1_000);
    if (ok === null) throw new Error(`the watcher sees no marked frame of ${s.kind}'s camera`);
  }
  const views = Object.fromEntries(await Promise.all(subjects.map(async (s) => [s.kind, await pageCall<MediaSetupView>(s.page, 'markSetupDone')] as const))) as Record<SubjectKind, MediaSetupView>;
  // Every later check is against this setup: it must be complete on both pages before any step.
  for (const s of subjects) {
    const v = views[s.kind];
    const usesChosen = (actual: string | null, chosen: string | null | undefined) => chosen === null || actual === chosen;
    const missing = Object.keys(v.unavailable).filter((k) => !limits[k as keyof typeof limits]);
    const complete = missing.length === 0 && v.volume === VOLUME && usesChosen(v.camera.deviceId, v.chosen?.videoinput) && usesChosen(v.microphone.deviceId, v.chosen?.audioinput) && usesChosen(v.speaker, v.chosen?.audiooutput) && v.camera.processor !== null;
    if (!complete) throw new Error(`${s.kind}'s media setup is incomplete: ${JSON.stringify({ missing, unavailable: v.unavailable, volume: v.volume, camera: v.camera, microphone: v.microphone, speaker: v.speaker, chosen: v.chosen })}`);
  }
  return views;
}

export const mediaSetupAcrossReconnects: Scenario = {
  name: 'media-setup-across-reconnects',
  libraryShouldRecover: true,
  chromiumArgs: MEDIA_SETUP_ARGS,
  runs: 1,
  async run(env, run) {
    const name = room('media', run);
    const watcher = `watch-${name}`;
    // The watcher stays one participant all along (a fixed identity, no rejoin when the subjects go
    // dark in the outage): its volume is then one the subjects' new Rooms must apply themselves.
    // The steps come seconds apart: with the library's 15 s cooldown its 5th reconnect in a row would
    // wait its backoff (27 s seen), which is the reconnect policy's business, not this scenario's.
    const trio = await openTrio(env, name, env.server.wsUrl, ['library', 'baseline'], undefined, { reconnectCooldownMs: '3000' }, { identity: watcher, frozenRejoin: 'false', markers: '1' });
    try {
      const setup = await setUp(env, trio, watcher);
      const t0 = Date.now();
      const atSetup = { library: await markersOf(trio, trio.library), baseline: await markersOf(trio, trio.baseline) };
      const steps: Record<SubjectKind, MediaSetupStep[]> = { library: [], baseline: [] };
      const lines: string[] = [];
      for (const step of [...STEPS, ...(CAPTURE_STEP_ENGINES.includes(trio.engine) ? CAPTURE_STEPS : [])]) {
        const start = Date.now();
        const before = { library: await markersOf(trio, trio.library), baseline: await markersOf(trio, trio.baseline) };
        const captures = (await view(trio.library))?.captures ?? null;
        const { end, played } = await step.play(env, trio);
        lines.push(`${step.name} ended at +${end - t0} ms (played in ${end - start} ms)`);
        // A library-only step leaves the plain page alone: nothing to observe there, nothing to judge.
        const [lib, base] = await Promise.all(
          [trio.library, trio.baseline].map((s) => (step.libraryOnly && s.kind === 'baseline' ? notPlayedStep(step.name, played.baseline) : observe(env, trio, s, step, { start, end, played: played[s.kind], before: before[s.kind], captures }))),
        );
        steps.library.push(lib!);
        steps.baseline.push(base!);
      }
      // Unmarked runs after the setup, in ms from it: where in which step the raw camera showed.
      const markerLog = async (s: Subject) =>
        (await markersOf(trio, s)).unmarkedRuns
          .filter((r) => r.to >= t0)
          .map((r) => `${r.from - t0}..${r.to - t0} ×${r.frames} ${r.sid} rgb(${r.rgb}) ${r.size} rtp=${r.rtp ?? '?'}`)
          .join(' | ');
      const rejoins = (await pageCall<{ rejoinedAt?: number[] }>(trio.watcher, 'describe')).rejoinedAt ?? [];
      const records = [];
      for (const s of [trio.library, trio.baseline]) {
        const mine = steps[s.kind];
        const atEnd = await markersOf(trio, s);
        const problems = [...mine.flatMap((x) => stepProblems(x).map((p) => `${x.step}: ${p}`)), ...wholeRunProblems(atSetup[s.kind], atEnd)];
        const times = mine.map((x) => x.recoveryMs);
        const worst = times.every((t): t is number => t !== null) ? Math.max(...times) : null;
        const at = setup[s.kind];
        const skips = formatSkips(trio.engine, mine[0]?.skipped ?? {});
        const setupSays = `${skips ? `${skips}; ` : ''}setup: captures ${JSON.stringify(at.atSetup)}, volume ${at.volume}, speaker ${at.speaker?.slice(0, 8)}, processor ${at.camera.processor} (${at.processor?.mode}), share ${at.screenShare.published}`;
        const detail = `via=${JSON.stringify(at.via)} ${setupSays} ${mine.map(formatStep).join(' || ')} wholeRun: unmarked ${atEnd.unmarked - atSetup[s.kind].unmarked} / marked ${atEnd.marked - atSetup[s.kind].marked} unmarkedRuns(ms from setup)=${(await markerLog(s)) || 'none'} placeholders=${atEnd.placeholders} (with RTP timestamp ${atEnd.placeholdersWithRtp}) captureLog=${JSON.stringify((await view(s))?.captureLog ?? [])} restartTrack callers=${JSON.stringify((await view(s))?.restartCallers ?? [])} steps=${lines.join('; ')} watcherRejoins(ms from setup)=${rejoins.map((at) => at - t0).join(',') || 'none'}`;
        const record = await assess(this.name, run, trio, s, t0, { recovered: problems.length === 0, recoveryMs: worst, detail: problems.length ? `${detail} PROBLEMS: ${problems.join('; ')}` : detail });
        records.push({ ...record, mediaSetup: mine });
      }
      return records;
    } finally {
      env.proxy.restore();
      env.proxy.dropAnswers(false);
      env.proxy.dropRefreshTokens(false);
      env.tokens.setOutage(false);
      env.tokens.setTtlSeconds(600);
      await trio.close();
    }
  },
};
