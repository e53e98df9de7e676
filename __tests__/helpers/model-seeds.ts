import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Which seeds the controller model runs, and how a failure says to replay it.
 *
 * CI (no FUZZ_RUNS): the fixed seed, plus one derived from the commit, so each commit explores new
 * sequences while a re-run of one commit gives the same answer. `npm run fuzz` (FUZZ_RUNS): one seed,
 * FUZZ_SEED or a fresh one. FUZZ_PATH + FUZZ_REPLAY_PATH (as printed) jump straight to a reported failure.
 */
export interface ModelRun {
  label: string;
  seed: number;
  runs: number;
  /** Where the seed came from, for the log line. */
  origin: string;
  /** fast-check's `path` and the commands' `replayPath` of a reported failure (FUZZ_PATH, FUZZ_REPLAY_PATH). */
  path?: string;
  replayPath?: string;
}

export const FIXED_SEED = 20_261_128;
/** A fixed seed's budget in CI (about 30 s on 2 cores). */
export const FIXED_RUNS = 2_000;
/** The commit seed's budget in CI: a few more sequences, new on every commit. */
export const COMMIT_RUNS = 1_000;
/** The commit seed when there is no git (a tarball, a copy without .git). */
export const NO_GIT_SEED = 1;

const envNumber = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name}=${raw} is not an integer`);
  return value;
};

/** The first 8 hex digits of the commit hash, mod 2^31 (a hash already: no need to hash it again). */
export function seedOfCommit(sha: string): number {
  return parseInt(sha.slice(0, 8), 16) % 2 ** 31;
}

function headCommit(): string | undefined {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 })
      .toString()
      .trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** FUZZ_COMMIT_SEED, else the commit's own, else a fixed fallback. */
export function commitSeed(): { seed: number; origin: string } {
  const forced = envNumber('FUZZ_COMMIT_SEED');
  if (forced !== undefined) return { seed: forced, origin: 'FUZZ_COMMIT_SEED' };
  const sha = headCommit();
  return sha ? { seed: seedOfCommit(sha), origin: `commit ${sha.slice(0, 12)}` } : { seed: NO_GIT_SEED, origin: 'no git: fallback' };
}

export function modelRuns(): ModelRun[] {
  const fuzzRuns = envNumber('FUZZ_RUNS');
  const fuzzSeed = envNumber('FUZZ_SEED');
  if (fuzzRuns !== undefined) {
    const seed = fuzzSeed ?? Date.now() % 2 ** 31;
    const replay = { path: process.env.FUZZ_PATH || undefined, replayPath: process.env.FUZZ_REPLAY_PATH || undefined };
    return [{ label: 'fuzz', seed, runs: fuzzRuns, origin: fuzzSeed === undefined ? 'fresh' : 'FUZZ_SEED', ...replay }];
  }
  const commit = commitSeed();
  return [
    { label: 'fixed seed', seed: fuzzSeed ?? FIXED_SEED, runs: FIXED_RUNS, origin: fuzzSeed === undefined ? 'fixed' : 'FUZZ_SEED' },
    { label: 'commit seed', seed: commit.seed, runs: COMMIT_RUNS, origin: commit.origin },
  ];
}

/** The replayPath fast-check prints in a commands counterexample (`/*replayPath="…"*\/`). */
export const replayPathOf = (counterexample: string): string | undefined => /replayPath="([^"]*)"/.exec(counterexample)?.[1];

/** The command that replays a run: the same seed and budget; with the paths, the failing case at once. */
export function replayCommand(run: Pick<ModelRun, 'seed' | 'runs'>, failure?: { path: string; replayPath?: string }): string {
  const base = `FUZZ_SEED=${run.seed} FUZZ_RUNS=${run.runs}`;
  if (!failure) return `${base} npm run fuzz`;
  const paths = `FUZZ_PATH='${failure.path}'${failure.replayPath ? ` FUZZ_REPLAY_PATH='${failure.replayPath}'` : ''}`;
  return `${base} npm run fuzz   (at once: ${base} ${paths} npm run fuzz)`;
}
