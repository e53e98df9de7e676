// Issue 20: the toggle storm of `toggle-storm-during-reconnect`, clicked on components-react's
// own VideoConference ControlBar (real DOM clicks) on the library's controller, beside the plain
// page that calls setCameraEnabled / setMicrophoneEnabled straight on its Room (the reference).
import { TrackSource } from '@livekit/protocol';
import { sleep, waitFor } from '../harness/proc';
import { pageCall, type E2EEnv } from '../env';
import { framesFlowing } from './measure';
import { room, type Scenario } from './scenarios';
import { assess, samplesOf, status, type Subject, type Trio } from './subjects';

type Source = 'camera' | 'microphone';
type Published = Record<Source, boolean>;
type Button = { present: boolean; disabled: boolean; pressed: boolean };
/** components-react's TrackToggle in the ControlBar: `<button class="lk-button" data-lk-source aria-pressed disabled={pending}>`. */
const selector = (source: Source) => `.lk-control-bar button.lk-button[data-lk-source="${source}"]`;
const button = (s: Subject, source: Source) => pageCall<Button>(s.page, 'button', selector(source));
const SOURCES: Source[] = ['camera', 'microphone'];

/** Watcher, the conference page as the library subject (in the library's browser), the plain page; all joined, frames seen. */
async function openConferenceTrio(env: E2EEnv, name: string): Promise<Trio> {
  const open = async (kind: 'library' | 'baseline' | 'watcher', page: 'conference' | 'baseline' | 'watcher', query: Record<string, string>) => {
    const p = await env.browsers[kind].newPage(env.pages.url(page, { tokenUrl: env.tokens.url, room: name, ...query }));
    await waitFor(`${page} page ready`, () => p.evaluate(() => Boolean((window as unknown as { __e2e?: { ready?: boolean } }).__e2e?.ready)), 15_000);
    return p;
  };
  const watcher = await open('watcher', 'watcher', { serverUrl: env.server.wsUrl });
  // Side by side, as openTrio does (each subject has a browser of its own); the watcher joins after them.
  const [libraryPage, baselinePage] = await Promise.all([open('library', 'conference', { identity: `lib-${name}` }), open('baseline', 'baseline', { identity: `base-${name}` })]);
  const library: Subject = { kind: 'library', identity: `lib-${name}`, page: libraryPage };
  const baseline: Subject = { kind: 'baseline', identity: `base-${name}`, page: baselinePage };
  const subjects = [library, baseline];
  const close = () => Promise.all([library.page, baseline.page, watcher].map((p) => p.close().catch(() => undefined))).then(() => undefined);
  try {
    await Promise.all(subjects.map((s) => pageCall(s.page, 'join')));
    await Promise.all(subjects.map((s) => waitFor(`${s.kind} connected`, async () => (await status(s)) === 'connected', 30_000)));
    await pageCall(watcher, 'join');
    await Promise.all(subjects.map((s) => waitFor(`watcher frames of ${s.identity}`, async () => framesFlowing(await samplesOf(watcher, Date.now() - 3_000), s.identity, Date.now()), 30_000)));
  } catch (e) {
    await close();
    throw e;
  }
  return { engine: env.engine, room: name, watcher, library, baseline, close };
}

async function settledTo(subject: Subject, expected: Published, timeoutMs: number): Promise<boolean> {
  const now = async () => {
    const p = await pageCall<Published>(subject.page, 'published');
    return (await status(subject)) === 'connected' && p.camera === expected.camera && p.microphone === expected.microphone;
  };
  return waitFor(`${subject.identity} published ${JSON.stringify(expected)}`, now, timeoutMs, 250).then(() => true, () => false);
}

/** Both ControlBar buttons enabled again (no toggle pending), each showing what is published. */
async function buttonsSettled(subject: Subject, timeoutMs: number): Promise<boolean> {
  const now = async () => {
    const p = await pageCall<Published>(subject.page, 'published');
    const b = await Promise.all(SOURCES.map((s) => button(subject, s)));
    return SOURCES.every((s, i) => b[i]!.present && !b[i]!.disabled && b[i]!.pressed === p[s]);
  };
  return waitFor(`${subject.identity} buttons settled`, now, timeoutMs, 100).then(() => true, () => false);
}

/** As scenarios-media.ts counts them: the controller's `negotiationErrorSeen`, the plain page's negotiation events. */
async function negotiationErrors(subject: Subject): Promise<number> {
  return subject.page.evaluate(() => {
    const api = (window as unknown as { __e2e: { actions?: { action: { type: string } }[]; events?: { detail?: string }[] } }).__e2e;
    return (api.actions ?? []).filter((a) => a.action.type === 'call/negotiationErrorSeen').length + (api.events ?? []).filter((e) => /NegotiationError|negotiation/i.test(e.detail ?? '')).length;
  });
}

/** What the server says the subject publishes: a camera / microphone track that is not muted. */
async function serverPublished(env: E2EEnv, trio: Trio, identity: string): Promise<Published> {
  const tracks = (await env.rooms.listParticipants(trio.room)).find((p) => p.identity === identity)?.tracks ?? [];
  const on = (source: TrackSource) => tracks.some((t) => t.source === source && !t.muted);
  return { camera: on(TrackSource.CAMERA), microphone: on(TrackSource.MICROPHONE) };
}

type Click = { source: Source; accepted: boolean; pressedBefore: boolean };

/**
 * One real click on the conference page. A button components-react has disabled (its toggle
 * pending) takes no click: the browser fires none on a disabled button, and Playwright's click
 * would wait for it to be enabled; so that click is recorded as not accepted and not sent.
 */
async function clickToggle(subject: Subject, source: Source): Promise<Click> {
  const before = await button(subject, source);
  const accepted = before.present && !before.disabled;
  if (accepted) await subject.page.click(selector(source));
  return { source, accepted, pressedBefore: before.pressed };
}

/** What the last accepted click of each source asked for (TrackToggle flips the state it shows); `start` where none was. */
function lastAccepted(clicks: Click[], start: Published): Published {
  const wish = { ...start };
  for (const c of clicks) if (c.accepted) wish[c.source] = !c.pressedBefore;
  return wish;
}

const tally = (clicks: Click[], source: Source) => `${clicks.filter((c) => c.source === source && c.accepted).length}/${clicks.filter((c) => c.source === source).length}`;

export const componentsToggleStorm: Scenario = {
  name: 'components-toggle-storm',
  libraryShouldRecover: true,
  // Its checks are what is published and shown, not a timing (the recovery time is reported).
  runs: 1,
  async run(env, run) {
    const trio = await openConferenceTrio(env, room('components', run));
    try {
      // From camera off, microphone on, as the action-driven storm: the camera button clicked once.
      const unlocked = async () => !(await pageCall<{ media: { camera: { pending: boolean } } }>(trio.library.page, 'state')).media.camera.pending && !(await button(trio.library, 'camera')).disabled;
      await waitFor('library camera unlocked', unlocked, 10_000, 50);
      const first = await clickToggle(trio.library, 'camera');
      await pageCall(trio.baseline.page, 'toggleCamera');
      const start = { camera: false, microphone: true };
      if (!first.accepted || !(await settledTo(trio.library, start, 10_000)) || !(await settledTo(trio.baseline, start, 10_000))) throw new Error('could not start from camera off');
      if (!(await buttonsSettled(trio.library, 10_000))) throw new Error('ControlBar did not settle on camera off');
      await waitFor('library camera unlocked again', unlocked, 10_000, 50);
      env.proxy.cutUntilRestore();
      await waitFor('library reconnecting', async () => (await status(trio.library)) === 'reconnecting', 15_000, 50);
      // The storm's 11 camera + 9 microphone clicks, 100 ms apart.
      const clicks: Click[] = [];
      for (let i = 0; i < 20; i++) {
        const source: Source = i % 2 === 0 || i === 19 ? 'camera' : 'microphone';
        const [click] = await Promise.all([clickToggle(trio.library, source), pageCall(trio.baseline.page, source === 'camera' ? 'toggleCamera' : 'toggleMicrophone')]);
        clicks.push(click);
        await sleep(100);
      }
      await sleep(1_000);
      env.proxy.restore();
      const faultEnd = Date.now();
      const wanted = { library: lastAccepted(clicks, start), baseline: { camera: true, microphone: false } };
      const records = [];
      for (const subject of [trio.library, trio.baseline]) {
        const expected = wanted[subject.kind];
        const settled = await settledTo(subject, expected, 30_000);
        const shown = subject.kind === 'library' ? settled && (await buttonsSettled(subject, 10_000)) : true;
        const frames = async () => framesFlowing(await samplesOf(trio.watcher, Math.max(faultEnd, Date.now() - 3_000)), subject.identity, Date.now());
        const flowing = !expected.camera || (settled && (await waitFor('frames', frames, 20_000).catch(() => false)));
        const negotiation = await negotiationErrors(subject);
        const published = await pageCall<Published>(subject.page, 'published');
        const server = await serverPublished(env, trio, subject.identity);
        const onServer = server.camera === expected.camera && server.microphone === expected.microphone;
        const pressed = subject.kind === 'library' ? Object.fromEntries(await Promise.all(SOURCES.map(async (s) => [s, (await button(subject, s)).pressed]))) : null;
        const clicked = subject.kind === 'library' ? ` accepted camera=${tally(clicks, 'camera')} microphone=${tally(clicks, 'microphone')} ariaPressed=${JSON.stringify(pressed)}` : '';
        const detail = `expected=${JSON.stringify(expected)} published=${JSON.stringify(published)} server=${JSON.stringify(server)}${clicked} negotiationErrors=${negotiation}`;
        records.push(await assess(this.name, run, trio, subject, faultEnd, { recovered: Boolean(settled && shown && flowing && onServer && negotiation === 0), detail }));
      }
      return records;
    } finally {
      env.proxy.restore();
      await trio.close();
    }
  },
};
