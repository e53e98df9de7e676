// The four steps of `media-setup-across-reconnects` (issue 18), each played on both subjects: the
// library gets the fault; the plain page its SDK's own version of it, or nothing.
import { waitFor } from '../harness/proc';
import { pageCall, type E2EEnv } from '../env';
import { actionsOf } from './health-measure';
import { status, type Subject, type SubjectKind, type Trio } from './subjects';
import type { Expectation } from './media-setup-capture-judge';

export interface StepRun {
  name: string;
  backWithinMs: number;
  /** What the library is held to after it; default `kept` (media-setup-capture-judge.ts). */
  expects?: Expectation;
  /** The plain page gets nothing (no equivalent): it is not observed, not judged, n/a in the table. */
  libraryOnly?: boolean;
  /** Plays the step; resolves with its end (recovery is measured from it) and what each subject got. */
  play(env: E2EEnv, trio: Trio): Promise<{ end: number; played: Record<SubjectKind, string> }>;
}

export const up = async (s: Subject) => (await status(s).catch(() => 'gone')) === 'connected';
const FULL_RECONNECT = "simulate('full-reconnect'): the SDK's own full reconnect";

export const STEPS: StepRun[] = [
  {
    name: 'server-leave',
    backWithinMs: 30_000,
    async play(_env, trio) {
      // A SERVER_SHUTDOWN leave ends a plain page's call; its SDK's own full reconnect is the reference.
      const plain = await up(trio.baseline);
      await Promise.all([pageCall(trio.library.page, 'simulate', 'server-leave'), plain ? pageCall(trio.baseline.page, 'simulate', 'full-reconnect') : undefined]);
      return { end: Date.now(), played: { library: "simulate('server-leave')", baseline: plain ? FULL_RECONNECT : 'nothing (down)' } };
    },
  },
  {
    name: 'video-profile-stable',
    backWithinMs: 30_000,
    async play(env, trio) {
      // The next step's outage must outlast the token this Room connects with: 5 s tokens, the server's refreshes dropped.
      env.tokens.setTtlSeconds(5);
      env.proxy.dropRefreshTokens(true);
      await pageCall(trio.library.page, 'setVideoProfile', 'stable');
      return { end: Date.now(), played: { library: "setVideoProfile('stable')", baseline: 'nothing (no profiles on a plain page)' } };
    },
  },
  {
    name: 'outage-past-token-exp',
    backWithinMs: 45_000,
    async play(env, trio) {
      // As signal-outage-past-token-exp: signal and token endpoint down until the token the library's Room connected with is past exp + 60 s.
      const connectedAt = Math.max(...(await actionsOf(trio.library)).filter((a) => a.action.type === 'call/connected').map((a) => a.at));
      const mine = env.tokens.issued().filter((t) => t.identity === trio.library.identity && t.at <= connectedAt);
      const issuedAt = mine[mine.length - 1]?.at ?? Date.now();
      env.tokens.setOutage(true);
      await env.proxy.cut(Math.max(1_000, issuedAt + 70_000 - Date.now()));
      env.tokens.setOutage(false);
      env.tokens.setTtlSeconds(600);
      env.proxy.dropRefreshTokens(false);
      return { end: Date.now(), played: { library: `signal + token endpoint cut until the Room's token was ${Math.round((Date.now() - issuedAt) / 1000)} s old (5 s tokens)`, baseline: 'the same cut' } };
    },
  },
  {
    name: 'answers-dropped',
    backWithinMs: 45_000,
    async play(env, trio) {
      // As answers-dropped-negotiation-fallback: a heavy (hd) camera's answers dropped → NegotiationErrors → stable.
      env.proxy.dropAnswers(true);
      const plain = await up(trio.baseline);
      await pageCall(trio.library.page, 'setVideoProfile', 'hd');
      if (plain) await pageCall(trio.baseline.page, 'simulate', 'full-reconnect');
      type St = { videoProfile: string; profileChange: { reason: string; at: number } | null };
      let fellBackAt = 0;
      const stable = await waitFor('library back on stable', async () => {
        const st = await pageCall<St>(trio.library.page, 'state');
        fellBackAt = st.profileChange?.at ?? 0;
        return st.videoProfile === 'stable' && /^negotiation/.test(st.profileChange?.reason ?? '');
      }, 90_000, 250).then(() => true, () => false);
      env.proxy.dropAnswers(false);
      const end = Date.now();
      // Observed on the Room the fallback builds (its `call/connected`), not on the hd Room it replaces.
      const onStable = stable && (await waitFor('library on a stable Room', async () => (await actionsOf(trio.library)).some((a) => a.at > fellBackAt && a.action.type === 'call/connected') && (await up(trio.library)), 45_000, 250).then(() => true, () => false));
      return { end, played: { library: `answers dropped, setVideoProfile('hd') → ${stable ? `NegotiationErrors → stable${onStable ? ' (new Room up after ' + (Date.now() - end) + ' ms)' : ', no stable Room within 45 s'}` : 'never fell back to stable'}`, baseline: plain ? `answers dropped, ${FULL_RECONNECT}` : 'nothing (down)' } };
    },
  },
];
