/** @jest-environment ./__tests__/helpers/real-process-environment.ts */
import fc from 'fast-check';
import type { E2EEOptions } from 'livekit-client';
import { createModelE2EE } from '../helpers/model-e2ee';
import { modelCommands } from '../helpers/model-commands';
import { checkQuiescence, type CallModel } from '../helpers/model-invariants';
import { modelRuns, replayCommand, replayPathOf } from '../helpers/model-seeds';
import { createModelSystem } from '../helpers/model-system';

/**
 * Model-based test of the controller: random interleavings of user actions, SDK behaviour (Room
 * double), token endpoint faults and clock events, with every invariant checked after each step
 * and at quiescence (model-invariants.ts). CI runs a fixed seed and one derived from the commit
 * (model-seeds.ts); `npm run fuzz` runs longer (FUZZ_RUNS) from a printed seed, and `FUZZ_SEED=<n>`
 * replays one. A failure prints the exact replay command.
 */
const RUNS = modelRuns();
const MAX_COMMANDS = 30;

beforeAll(() => {
  for (const run of RUNS) {
    process.stdout.write(`controller model, ${run.label}: seed ${run.seed} (${run.origin}), ${run.runs} sequences of up to ${MAX_COMMANDS} steps; replay: ${replayCommand(run)}\n`);
  }
});

/**
 * Collects unhandled rejections while `body` runs. jest-circus would fail the whole test on one;
 * caught here, it fails just this sequence, so fast-check can shrink it.
 */
async function catchingRejections(body: () => Promise<void>): Promise<unknown[]> {
  const real = (globalThis as unknown as { __realProcess: NodeJS.Process }).__realProcess;
  const rejections: unknown[] = [];
  const theirs = real.listeners('unhandledRejection');
  const mine = (reason: unknown) => void rejections.push(reason);
  real.removeAllListeners('unhandledRejection');
  real.on('unhandledRejection', mine);
  try {
    await body();
    // Node reports an unhandled rejection only once the real event loop turns.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    real.off('unhandledRejection', mine);
    for (const listener of theirs) real.on('unhandledRejection', listener as (...args: unknown[]) => void);
  }
  return rejections;
}

let e2eeOptions: E2EEOptions;
beforeAll(async () => {
  e2eeOptions = await createModelE2EE();
});

/** `e2ee`: this sequence's calls are end-to-end encrypted (one key provider for every sequence). */
async function runSequence(e2ee: boolean, commands: Iterable<fc.AsyncCommand<CallModel, ReturnType<typeof createModelSystem>>>) {
  const rejections = await catchingRejections(async () => {
    jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
    const sys = createModelSystem(e2ee ? { e2ee: e2eeOptions } : {});
    try {
      const model: CallModel = { inCall: false, everJoined: false, setup: { processor: undefined, seen: 0 } };
      await fc.asyncModelRun(() => ({ model, real: sys }), commands);
      await checkQuiescence(sys, model);
    } finally {
      sys.task.cancel();
      jest.clearAllTimers();
      jest.useRealTimers();
    }
  });
  if (rejections.length > 0) throw new Error(`unhandled rejection: ${String(rejections[0])}`);
}

describe('controller model', () => {
  it.each(RUNS)('random interleavings of user actions, SDK and token faults and clock jumps keep every invariant ($label $seed)', async (run) => {
    const property = fc.asyncProperty(fc.boolean(), modelCommands(MAX_COMMANDS, run.replayPath), runSequence);
    const details = await fc.check(property, { seed: run.seed, numRuns: run.runs, path: run.path });
    if (!details.failed) return;
    // fast-check's report names seed and path; the replay command is what one acts on.
    const report = (await fc.asyncDefaultReportMessage(details)) ?? '';
    const failure = details.counterexamplePath ? { path: details.counterexamplePath, replayPath: replayPathOf(report) } : undefined;
    throw new Error(`controller model failed (${run.label}: seed ${run.seed}, ${run.origin}, ${run.runs} sequences)\n  replay: ${replayCommand(run, failure)}\n${report}`, { cause: details.errorInstance });
  }, Math.max(600_000, Math.max(...RUNS.map((r) => r.runs)) * 200));

  it('the unhandled-rejection check can fail', async () => {
    const seen = await catchingRejections(async () => {
      void Promise.reject(new Error('escaped'));
    });
    expect(seen.map(String)).toEqual(['Error: escaped']);
  });
});
