// Issue 19: end-to-end encryption across controlled reconnects, on the real server. The library
// page runs with the controller's `e2ee` (ExternalE2EEKeyProvider, livekit-client's worker); a
// keyed watcher decodes its camera. The four steps of media-setup-across-reconnects follow (each
// builds a new Room); after each the keyed watcher must decode the new Room's camera and the page
// say `e2ee.encrypted`. All along, the server is asked every 250 ms how the library's tracks are
// encrypted: one sample with a track in the clear fails the run. Then a page whose worker throws
// must fail closed. No plain page: its SDK has no controlled reconnect to compare with.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pageCall, type E2EEnv } from '../env';
import { FAILING_WORKERS, failingIdentity, playFailingWorkers } from './e2ee-broken-worker';
import { e2eeProblems, formatBroken, formatE2EEStep, formatTally, countSecret, type E2EEStep } from './e2ee-judge';
import { keyLeaksOf, libraryIdentity, openKeyedTrio, pollEncryption } from './e2ee-pages';
import { STEPS, type StepRun } from './media-setup-steps';
import { framesFlowing, recoveryMs } from './measure';
import { room, type Scenario } from './scenarios';
import { assess, samplesOf, type Trio } from './subjects';
import { sleep } from '../harness/proc';

interface CallView {
  status: string;
  roomInstanceKey: number;
  e2ee: { configured: boolean; encrypted: boolean };
}

const viewOf = (trio: Trio) => pageCall<CallView>(trio.library.page, 'state');
const librarySids = async (trio: Trio, since: number) => new Set((await samplesOf(trio.watcher, since)).filter((s) => s.identity === trio.library.identity).map((s) => s.sid));

/**
 * Back: a new Room (roomInstanceKey past `roomBefore`) connected, and the keyed watcher decoding
 * frames of a track it had not seen before the step (the new Room's camera, so decrypted with the key).
 */
async function newCameraBack(trio: Trio, end: number, roomBefore: number, oldSids: Set<string>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const view = await viewOf(trio).catch(() => null);
    if (view?.status === 'connected' && view.roomInstanceKey > roomBefore) {
      const fresh = (await samplesOf(trio.watcher, Math.max(end, Date.now() - 3_000))).filter((s) => !oldSids.has(s.sid));
      if (framesFlowing(fresh, trio.library.identity, Date.now())) return true;
    }
    await sleep(250);
  }
  return false;
}

async function playStep(env: E2EEnv, trio: Trio, step: StepRun): Promise<E2EEStep> {
  const roomBefore = (await viewOf(trio)).roomInstanceKey;
  const oldSids = await librarySids(trio, Date.now() - 10_000);
  const { end, played } = await step.play(env, trio);
  const back = await newCameraBack(trio, end, roomBefore, oldSids, step.backWithinMs);
  const fresh = (await samplesOf(trio.watcher, end - 5_000)).filter((s) => !oldSids.has(s.sid));
  const view = await viewOf(trio);
  return { step: step.name, played: `${played.library}; Room #${roomBefore} → #${view.roomInstanceKey}`, back, recoveryMs: back ? recoveryMs(fresh, trio.library.identity, end) : null, encrypted: view.e2ee.encrypted };
}

export const e2eeAcrossReconnects: Scenario = {
  name: 'e2ee-across-reconnects',
  libraryShouldRecover: true,
  runs: 1,
  async run(env, run) {
    const name = room('e2ee', run);
    // A fresh passphrase per run, only ever in the pages' addresses (which drop it at once); never logged.
    const key = randomBytes(18).toString('base64url');
    const timelines = `e2e/results/timelines/${env.engine}-${this.name}-${run}`;
    const started = Date.now();
    const poll = pollEncryption(env, name, [libraryIdentity(name), ...FAILING_WORKERS.map((w) => failingIdentity(w, name))]);
    let trio: Trio | undefined;
    try {
      // The failing-worker pages play while the library and its watcher set up (~3 s saved); the steps come after both.
      const [opened, failing] = await Promise.allSettled([openKeyedTrio(env, name, key), playFailingWorkers(env, name, key, poll.tally, timelines)]);
      if (opened.status === 'rejected') throw opened.reason;
      trio = opened.value;
      if (failing.status === 'rejected') throw failing.reason;
      const configured = (await viewOf(trio)).e2ee;
      const t0 = Date.now();
      const steps: E2EEStep[] = [];
      for (const step of STEPS) steps.push(await playStep(env, trio, step));
      const stepsSeconds = Math.round((Date.now() - t0) / 1000);
      const polled = await poll.stop();
      const library = poll.tally(trio.library.identity);
      let keyLeaks = failing.value.keyLeaks + (await keyLeaksOf(trio.library.page, key)) + (await keyLeaksOf(trio.watcher, key));
      const problems = e2eeProblems({ steps, library, broken: failing.value.outcomes, keyLeaks });
      if (!configured.configured || !configured.encrypted) problems.push(`state.call.e2ee after the first join: ${JSON.stringify(configured)}`);
      const times = steps.map((s) => s.recoveryMs);
      const detail = () =>
        `${formatTally(library)} over ${polled.seconds} s (${polled.errors} failed polls) | ${steps.map(formatE2EEStep).join(' || ')} | ${failing.value.outcomes.map(formatBroken).join(' | ')} | steps ${stepsSeconds} s, scenario ${Math.round((Date.now() - started) / 1000)} s | passphrase found ${keyLeaks}×${problems.length ? ` | PROBLEMS: ${problems.join('; ')}` : ''}`;
      const record = await assess(this.name, run, trio, trio.library, t0, {
        recovered: problems.length === 0,
        recoveryMs: times.every((t): t is number => t !== null) ? Math.max(...times) : null,
        detail: detail(),
      });
      // The timeline assess just wrote must not quote the key either.
      const written = countSecret(key, readFileSync(`${timelines}-library.txt`, 'utf8'));
      if (written > 0) {
        keyLeaks += written;
        problems.push(`the passphrase is in the library's timeline ${written}×`);
        record.recovered = false;
        record.detail = detail();
      }
      return [record];
    } finally {
      await poll.stop();
      env.proxy.restore();
      env.proxy.dropAnswers(false);
      env.proxy.dropRefreshTokens(false);
      env.tokens.setOutage(false);
      env.tokens.setTtlSeconds(600);
      await trio?.close();
    }
  },
};
