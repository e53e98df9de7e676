/** @jest-environment ./__tests__/helpers/real-process-environment.ts */
import fc from 'fast-check';
import { modelCommands } from '../helpers/model-commands';
import { checkQuiescence, type CallModel } from '../helpers/model-invariants';
import { createModelSystem } from '../helpers/model-system';

/**
 * Model-based test of the controller: random interleavings of user actions, SDK behaviour (Room
 * double), token endpoint faults and clock events, with every invariant checked after each step
 * and at quiescence (model-invariants.ts). CI runs a fixed seed and budget; `npm run fuzz` runs
 * longer (FUZZ_RUNS) from a printed seed, and `FUZZ_SEED=<n>` replays one.
 */
const FUZZING = Boolean(process.env.FUZZ_RUNS);
// CI: a fixed seed and budget (well under 60 s on 2 cores). Fuzzing: a fresh seed unless FUZZ_SEED replays one.
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : FUZZING ? Date.now() % 2 ** 31 : 20_261_128;
const RUNS = FUZZING ? Number(process.env.FUZZ_RUNS) : 2_000;
const MAX_COMMANDS = 30;

beforeAll(() => {
  process.stdout.write(`controller model: seed ${SEED}, ${RUNS} sequences of up to ${MAX_COMMANDS} steps (FUZZ_SEED=${SEED} replays)\n`);
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

async function runSequence(commands: Iterable<fc.AsyncCommand<CallModel, ReturnType<typeof createModelSystem>>>) {
  const rejections = await catchingRejections(async () => {
    jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
    const sys = createModelSystem();
    try {
      const model: CallModel = { inCall: false, everJoined: false };
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
  it('random interleavings of user actions, SDK and token faults and clock jumps keep every invariant', async () => {
    await fc.assert(fc.asyncProperty(modelCommands(MAX_COMMANDS), runSequence), { seed: SEED, numRuns: RUNS });
  }, Math.max(600_000, RUNS * 200));

  it('the unhandled-rejection check can fail', async () => {
    const seen = await catchingRejections(async () => {
      void Promise.reject(new Error('escaped'));
    });
    expect(seen.map(String)).toEqual(['Error: escaped']);
  });
});
