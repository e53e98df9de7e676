import { mkdirSync, writeFileSync } from 'node:fs';
import { startEnv } from './env';
import { enginesFromEnv, type Engine } from './harness/e2e-page';
import { median } from './matrix/measure';
import { ALL, scenariosFor } from './matrix/plan';
import { tokenOutage } from './matrix/scenarios';
import type { RunRecord } from './matrix/subjects';

const RUNS = Number(process.env.E2E_RUNS ?? 3);

/** Goals of "back within a second of the network": median and worst ms, and never slower than the plain page. */
const GOAL = { medianMs: 1_000, worstMs: 2_500 };

interface Summary {
  engine: Engine;
  scenario: string;
  subject: string;
  recovered: string;
  medianMs: number | null;
  worstMs: number | null;
  /** Median of the subject's own "back" (see RunRecord.backMs). */
  backMedianMs: number | null;
}

/** Records grouped by engine, scenario and subject, in the order they ran. */
function groups(records: RunRecord[]): { engine: Engine; scenario: string; subject: string; runs: RunRecord[] }[] {
  const keys = [...new Set(records.map((r) => `${r.engine}|${r.scenario}|${r.subject}`))];
  return keys.map((key) => {
    const [engine, scenario, subject] = key.split('|') as [Engine, string, string];
    return { engine, scenario, subject, runs: records.filter((r) => r.engine === engine && r.scenario === scenario && r.subject === subject) };
  });
}

const timesOf = (runs: RunRecord[]) => runs.map((r) => r.recoveryMs).filter((t): t is number => t !== null);

function summarize(records: RunRecord[]) {
  const rows: Summary[] = groups(records).map(({ engine, scenario, subject, runs }) => {
    const times = timesOf(runs);
    const back = runs.map((r) => r.backMs).filter((t): t is number => t !== null);
    return { engine, scenario, subject, recovered: `${runs.filter((r) => r.recovered).length}/${runs.length}`, medianMs: median(times), worstMs: times.length ? Math.max(...times) : null, backMedianMs: median(back) };
  });
  const goals = rows
    .filter((r) => r.subject === 'library' && r.medianMs !== null)
    .map((lib) => {
      const base = rows.find((r) => r.engine === lib.engine && r.scenario === lib.scenario && r.subject === 'baseline');
      const notSlower = base?.medianMs == null || lib.medianMs! <= base.medianMs;
      return { engine: lib.engine, scenario: lib.scenario, medianMet: lib.medianMs! <= GOAL.medianMs, worstMet: (lib.worstMs ?? 0) <= GOAL.worstMs, notSlowerThanPlainPage: notSlower };
    });
  return { goal: GOAL, rows, goals };
}

function table(records: RunRecord[]): string {
  const rows = ['| engine | scenario | subject | recovered | median ms | worst ms | own back (median ms) | escaped rejections | alerts (removeTrack) | token leaks | browser net-log lines with token |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const { engine, scenario, subject, runs } of groups(records)) {
    const times = timesOf(runs);
    const sum = (f: (r: RunRecord) => number) => runs.reduce((s, r) => s + f(r), 0);
    const back = median(runs.map((r) => r.backMs).filter((t): t is number => t !== null));
    rows.push(
      `| ${engine} | ${scenario} | ${subject} | ${runs.filter((r) => r.recovered).length}/${runs.length} | ${median(times) ?? '–'} | ${times.length ? Math.max(...times) : '–'} | ${back ?? '–'} | ${sum((r) => r.escapedRejections)} | ${sum((r) => r.alerts)} (${sum((r) => r.removeTrackAlerts)}) | ${sum((r) => r.tokenLeaks)} | ${sum((r) => r.browserNetLogLeaks)} |`,
    );
  }
  return rows.join('\n');
}

/** What makes the matrix fail, in any engine: the library missing a scenario, or the baseline no longer dying in scenario 1. */
function failures(records: RunRecord[]): string[] {
  const problems: string[] = [];
  for (const r of records.filter((x) => x.subject === 'library')) {
    const scenario = ALL.find((s) => s.name === r.scenario)!;
    const at = `library ${r.engine} ${r.scenario} run ${r.run}`;
    if (r.recovered !== scenario.libraryShouldRecover) problems.push(`${at}: recovered=${r.recovered} (${r.detail})`);
    if (r.escapedRejections > 0) problems.push(`${at}: ${r.escapedRejections} escaped rejections (${r.detail})`);
    if (r.removeTrackAlerts > 0) problems.push(`${at}: removeTrack alerts`);
    if (r.tokenLeaks > 0) problems.push(`${at}: ${r.tokenLeaks} token leaks`);
  }
  for (const r of records.filter((x) => x.subject === 'baseline' && x.scenario === tokenOutage.name)) {
    if (r.recovered) problems.push(`baseline ${r.engine} ${r.scenario} run ${r.run} recovered: the 401 death was not reproduced (${r.detail})`);
  }
  return problems;
}

const harnessError = (engine: Engine, scenario: string, run: number, error: unknown): RunRecord => ({
  engine,
  scenario,
  subject: 'library',
  run,
  recovered: false,
  recoveryMs: null,
  backMs: null,
  escapedRejections: 0,
  alerts: 0,
  removeTrackAlerts: 0,
  tokenLeaks: 0,
  browserNetLogLeaks: 0,
  detail: `harness error: ${String(error)}`,
});

/** One engine's part: a fresh server, proxy, token endpoint and browsers, its scenarios × RUNS. */
async function runEngine(engine: Engine, records: RunRecord[]) {
  const env = await startEnv({ engine });
  console.log(`\n== ${engine}: subjects in ${env.browsers.library.version}, watcher in ${env.browsers.watcher.version}`);
  try {
    for (const scenario of scenariosFor(engine)) {
      for (let run = 1; run <= RUNS; run++) {
        const t0 = Date.now();
        try {
          const result = await scenario.run(env, run);
          records.push(...result);
          for (const r of result) console.log(`[${engine}] ${r.scenario} #${r.run} ${r.subject}: recovered=${r.recovered} ${r.recoveryMs ?? '–'} ms  ${r.detail}`);
        } catch (error) {
          console.log(`[${engine}] ${scenario.name} #${run}: harness error ${String(error)}`);
          records.push(harnessError(engine, scenario.name, run, error));
        }
        console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
    }
    return { engine, subjects: env.browsers.library.version, watcher: env.browsers.watcher.version };
  } finally {
    await env.close();
  }
}

async function main() {
  const started = Date.now();
  const records: RunRecord[] = [];
  const engines: { engine: Engine; subjects: string; watcher: string; seconds: number; scenarios: string[] }[] = [];
  for (const engine of enginesFromEnv()) {
    const t0 = Date.now();
    const versions = await runEngine(engine, records);
    engines.push({ ...versions, seconds: Math.round((Date.now() - t0) / 1000), scenarios: scenariosFor(engine).map((s) => s.name) });
  }
  mkdirSync('e2e/results', { recursive: true });
  const summary = summarize(records);
  writeFileSync('e2e/results/matrix.json', `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, seconds: Math.round((Date.now() - started) / 1000), engines, summary, records }, null, 2)}\n`);
  for (const g of summary.goals) console.log(`goal [${g.engine}] ${g.scenario}: median ≤ ${GOAL.medianMs} ms ${g.medianMet ? 'met' : 'MISSED'}, worst ≤ ${GOAL.worstMs} ms ${g.worstMet ? 'met' : 'MISSED'}, not slower than the plain page ${g.notSlowerThanPlainPage ? 'yes' : 'NO'}`);
  for (const e of engines) console.log(`${e.engine}: ${e.scenarios.length} scenarios in ${e.seconds} s (${e.subjects})`);
  console.log(`\n${table(records)}\n\nwrote e2e/results/matrix.json in ${Math.round((Date.now() - started) / 1000)} s`);
  const problems = failures(records);
  if (problems.length) {
    console.error(`\nFAILED:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`${records.filter((r) => r.subject === 'library').length} passed, 0 failed`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
