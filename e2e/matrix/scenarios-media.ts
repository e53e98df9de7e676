import { TrackSource } from '@livekit/protocol';
import { sleep, waitFor } from '../harness/proc';
import { pageCall } from '../env';
import { framesFlowing } from './measure';
import type { Scenario } from './scenarios';
import { assess, openTrio, samplesOf, status, type Subject, type Trio } from './subjects';

const room = (name: string, run: number) => `${name}-${run}-${Date.now().toString(36)}`;
type Published = { camera: boolean; microphone: boolean };

async function settledTo(subject: Subject, expected: Published, timeoutMs: number): Promise<boolean> {
  try {
    await waitFor(`${subject.identity} published ${JSON.stringify(expected)}`, async () => {
      const now = await pageCall<Published>(subject.page, 'published');
      return (await status(subject)) === 'connected' && now.camera === expected.camera && now.microphone === expected.microphone;
    }, timeoutMs, 250);
    return true;
  } catch {
    return false;
  }
}

async function negotiationErrorsSeen(subject: Subject): Promise<number> {
  return subject.page.evaluate(() => {
    const api = (window as unknown as { __e2e: { actions?: { action: { type: string } }[]; events?: { detail?: string }[] } }).__e2e;
    const fromActions = (api.actions ?? []).filter((a) => a.action.type === 'call/negotiationErrorSeen').length;
    const fromEvents = (api.events ?? []).filter((e) => /NegotiationError|negotiation/i.test(e.detail ?? '')).length;
    return fromActions + fromEvents;
  });
}

/** 20 clicks in 2 s while the SDK restarts the connection: the last click wins, no NegotiationError. */
export const toggleStorm: Scenario = {
  name: 'toggle-storm-during-reconnect',
  libraryShouldRecover: true,
  async run(env, run) {
    const trio = await openTrio(env, room('storm', run), env.server.wsUrl);
    try {
      // Start from camera off, microphone on. The library's camera is locked (pending) for
      // toggleSettleMs after the join's publish, and a click on a locked source is dropped
      // (takeLeading; the UI's button is disabled then), so click once it can be toggled.
      const canToggleCamera = async () => !(await pageCall<{ media: { camera: { pending: boolean } } }>(trio.library.page, 'state')).media.camera.pending;
      await waitFor('library camera unlocked', canToggleCamera, 10_000, 50);
      await pageCall(trio.library.page, 'toggleCamera', false);
      await pageCall(trio.baseline.page, 'toggleCamera');
      const start = { camera: false, microphone: true };
      if (!(await settledTo(trio.library, start, 10_000)) || !(await settledTo(trio.baseline, start, 10_000))) throw new Error('could not start from camera off');
      await waitFor('library camera unlocked again', canToggleCamera, 10_000, 50);
      // The signal goes away; the SDKs resume once it is back (their tokens are still valid).
      env.proxy.cutUntilRestore();
      await waitFor('library reconnecting', async () => (await status(trio.library)) === 'reconnecting', 15_000, 50);
      // 11 camera + 9 microphone clicks, 100 ms apart: camera ends on, microphone off
      for (let i = 0; i < 20; i++) {
        const fn = i % 2 === 0 || i === 19 ? 'toggleCamera' : 'toggleMicrophone';
        await Promise.all([pageCall(trio.library.page, fn), pageCall(trio.baseline.page, fn)]);
        await sleep(100);
      }
      await sleep(1_000);
      env.proxy.restore();
      const faultEnd = Date.now();
      const expected = { camera: true, microphone: false };
      const records = [];
      for (const subject of [trio.library, trio.baseline]) {
        const settled = await settledTo(subject, expected, 30_000);
        const flowing = settled && (await waitFor('frames', async () => framesFlowing(await samplesOf(trio.watcher, Math.max(faultEnd, Date.now() - 3_000)), subject.identity, Date.now()), 20_000).catch(() => false));
        const negotiation = await negotiationErrorsSeen(subject);
        const published = await pageCall<Published>(subject.page, 'published');
        records.push(await assess(this.name, run, trio, subject, faultEnd, { recovered: Boolean(settled && flowing && negotiation === 0), detail: `published=${JSON.stringify(published)} negotiationErrors=${negotiation}` }));
      }
      return records;
    } finally {
      env.proxy.restore();
      await trio.close();
    }
  },
};

async function serverView(env: Parameters<Scenario['run']>[0], trio: Trio, identity: string) {
  const participants = await env.rooms.listParticipants(trio.room);
  const video = participants.find((p) => p.identity === identity)?.tracks.find((t) => t.source === TrackSource.CAMERA);
  return { mimeType: video?.mimeType ?? null, layers: video?.layers.length ?? 0, simulcast: video?.simulcast ?? null };
}

/** Answers withheld → NegotiationErrors → the stable profile (VP8, one layer), proved by server and browser. */
export const answersDropped: Scenario = {
  name: 'answers-dropped-negotiation-fallback',
  libraryShouldRecover: true,
  async run(env, run) {
    // The library joins with nothing published, so that turning camera and microphone on needs
    // fresh publications (a negotiation each); mute/unmute would not.
    const trio = await openTrio(env, room('negotiation', run), env.server.wsUrl, ['baseline']);
    try {
      await pageCall(trio.library.page, 'join', false, false);
      await waitFor('library connected', async () => (await status(trio.library)) === 'connected', 20_000);
      await sleep(1_000);
      env.proxy.dropAnswers(true);
      await pageCall(trio.library.page, 'toggleCamera', true);
      await pageCall(trio.library.page, 'toggleMicrophone', true);
      void pageCall(trio.baseline.page, 'republishCamera');
      // Never reaching `stable` is a library failure to record (with its timeline), not a harness error.
      const stable = await waitFor('stable profile', async () => (await pageCall<{ videoProfile: string }>(trio.library.page, 'state')).videoProfile === 'stable', 90_000, 250).then(
        () => true,
        () => false,
      );
      env.proxy.dropAnswers(false);
      const faultEnd = Date.now();
      const settled = stable && (await settledTo(trio.library, { camera: true, microphone: true }, 45_000));
      const flowing = settled && (await waitFor('frames', async () => framesFlowing(await samplesOf(trio.watcher, Math.max(faultEnd, Date.now() - 3_000)), trio.library.identity, Date.now()), 30_000).catch(() => false));
      const server = await serverView(env, trio, trio.library.identity);
      const browser = await pageCall<{ mimeTypes: string[]; layers: number; activeLayers: number } | null>(trio.library.page, 'outboundVideo');
      const vp8 = server.mimeType?.toLowerCase() === 'video/vp8' && server.layers <= 1 && (browser?.mimeTypes ?? []).every((m) => m.toLowerCase() === 'video/vp8') && (browser?.layers ?? 0) === 1;
      const negotiation = await negotiationErrorsSeen(trio.library);
      const baselineBack = await waitFor('baseline frames', async () => framesFlowing(await samplesOf(trio.watcher, Math.max(faultEnd, Date.now() - 3_000)), trio.baseline.identity, Date.now()), 15_000).catch(() => false);
      return [
        await assess(this.name, run, trio, trio.library, faultEnd, { recovered: Boolean(flowing && vp8), detail: `stable=${stable} negotiationErrors=${negotiation} server=${JSON.stringify(server)} browser=${JSON.stringify(browser)}` }),
        await assess(this.name, run, trio, trio.baseline, faultEnd, baselineBack ? {} : { recovered: false }),
      ];
    } finally {
      env.proxy.dropAnswers(false);
      await trio.close();
    }
  },
};

/** removeParticipant is terminal: `disconnected`, and no reconnect attempt. */
export const removeParticipant: Scenario = {
  name: 'remove-participant-terminal',
  libraryShouldRecover: false,
  async run(env, run) {
    const trio = await openTrio(env, room('removed', run), env.server.wsUrl);
    try {
      const before = await pageCall<{ roomInstanceKey: number }>(trio.library.page, 'state');
      await env.rooms.removeParticipant(trio.room, trio.library.identity);
      await env.rooms.removeParticipant(trio.room, trio.baseline.identity);
      const faultEnd = Date.now();
      await waitFor('library disconnected', async () => (await status(trio.library)) === 'disconnected', 15_000).catch(() => undefined);
      // The controller's first reconnect starts at once (delay 0) after a non-terminal end: 3 s shows it.
      await sleep(3_000);
      const after = await pageCall<{ status: string; roomInstanceKey: number; disconnectReason: string }>(trio.library.page, 'state');
      const reconnects = await trio.library.page.evaluate(() => (window as unknown as { __e2e: { actions: { action: { type: string } }[] } }).__e2e.actions.filter((a) => a.action.type === 'call/reconnectStarted').length);
      const ended = after.status === 'disconnected' && after.disconnectReason === 'PARTICIPANT_REMOVED' && reconnects === 0 && after.roomInstanceKey === before.roomInstanceKey;
      return [
        await assess(this.name, run, trio, trio.library, faultEnd, { recovered: !ended, detail: `status=${after.status} reason=${after.disconnectReason} reconnects=${reconnects}` }),
        await assess(this.name, run, trio, trio.baseline, faultEnd, { recovered: (await status(trio.baseline)) !== 'disconnected' }),
      ];
    } finally {
      await trio.close();
    }
  },
};
