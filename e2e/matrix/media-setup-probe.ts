// What `media-setup-across-reconnects` reads after a step: the watcher's camera samples and marker
// counts, the page's MediaSetupView, what the server lists, and when a subject is back.
import { TrackSource } from '@livekit/protocol';
import { sleep, waitFor } from '../harness/proc';
import { pageCall, type E2EEnv } from '../env';
import type { MarkerCounts } from '../page/marker-watch';
import type { MediaSetupView } from '../page/media-setup';
import { VOLUME } from '../page/setup-constants';
import { stepFrom, type MediaSetupStep } from './media-setup-judge';
import { ENGINE_LIMITS } from './media-setup-limits';
import type { StepRun } from './media-setup-steps';
import { actionsOf } from './health-measure';
import { framesFlowing, recoveryMs } from './measure';
import { endedForGood } from './scenarios';
import { samplesOf, status, type Subject, type Trio } from './subjects';

/** After a subject is back: time for its re-publish and re-applied settings to land, and for frames to pile up for the marker count. */
const SETTLE_MS = 3_000;

export const cameraSamples = async (trio: Trio, since: number) => (await samplesOf(trio.watcher, since)).filter((s) => s.source === 'camera');
export const markersOf = async (trio: Trio, subject: Subject) => (await pageCall<Record<string, MarkerCounts>>(trio.watcher, 'markers'))[subject.identity] ?? { marked: 0, unmarked: 0, placeholders: 0, placeholdersWithRtp: 0, unmarkedRuns: [], lastAt: 0 };
export const view = (subject: Subject) => pageCall<MediaSetupView>(subject.page, 'mediaSetup').catch(() => null);

/** listParticipants lists an unmuted track of `source` for `identity`. */
async function serverLists(env: E2EEnv, trio: Trio, identity: string, source: TrackSource): Promise<boolean> {
  const participants = await env.rooms.listParticipants(trio.room).catch(() => []);
  return Boolean(participants.find((p) => p.identity === identity)?.tracks.some((t) => t.source === source && !t.muted));
}
export const serverScreenShare = (env: E2EEnv, trio: Trio, identity: string) => serverLists(env, trio, identity, TrackSource.SCREEN_SHARE);

/** Connected with camera frames at the watcher since `end`; false at once for a plain page whose call ended. */
async function cameraBack(trio: Trio, subject: Subject, end: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const st = await status(subject).catch(() => 'gone');
    if (endedForGood(subject, st, end)) return false;
    if (st === 'connected' && framesFlowing(await cameraSamples(trio, Math.max(end, Date.now() - 3_000)), subject.identity, Date.now())) return true;
    await sleep(250);
  }
  return false;
}

/** Held back: the library connected on a Room built after `end` and says the camera's processor is lost; ms from `end` to that `call/connected`. */
async function heldBack(subject: Subject, end: number, timeoutMs: number): Promise<number | null> {
  let connectedAt: number | null = null;
  const done = await waitFor('library connected with the camera held back', async () => {
    connectedAt = (await actionsOf(subject)).find((a) => a.at >= end && a.action.type === 'call/connected')?.at ?? null;
    return connectedAt !== null && (await status(subject)) === 'connected' && Boolean((await view(subject))?.lostProcessors.includes('camera'));
  }, timeoutMs, 250).then(() => true, () => false);
  return done ? connectedAt! - end : null;
}

/** What the step left of `subject`'s setup, once it is back (or its time ran out). */
export async function observe(env: E2EEnv, trio: Trio, subject: Subject, step: StepRun, at: { start: number; end: number; played: string; before: MarkerCounts; captures: MediaSetupView['captures'] | null }): Promise<MediaSetupStep> {
  const { start, end, played, before } = at;
  const expects = step.expects ?? 'kept';
  const held = expects === 'held-back' ? await heldBack(subject, end, step.backWithinMs) : null;
  const back = expects === 'held-back' ? held !== null : await cameraBack(trio, subject, end, step.backWithinMs);
  if (back) await sleep(SETTLE_MS);
  // The watcher (it publishes nothing) may be announced to a new Room late: its volume is judged once it is there.
  if (back) await waitFor(`watcher in ${subject.kind}'s Room`, async () => Boolean((await view(subject))?.watcherPresent), 10_000, 250).catch(() => undefined);
  const capture =
    expects === 'kept' || !at.captures
      ? undefined
      : { before: at.captures, startedAt: start, serverCamera: await serverLists(env, trio, subject.identity, TrackSource.CAMERA), actions: (await actionsOf(subject)).filter((a) => a.at >= start).map((a) => a.action.type) };
  return stepFrom({
    step: step.name,
    played,
    back,
    recoveryMs: expects === 'held-back' ? held : back ? recoveryMs(await cameraSamples(trio, end - 5_000), subject.identity, end) : null,
    view: await view(subject),
    markers: { before, after: await markersOf(trio, subject) },
    serverScreenShare: await serverScreenShare(env, trio, subject.identity),
    volume: VOLUME,
    limits: ENGINE_LIMITS[trio.engine],
    expects,
    capture,
  });
}
