import { mkdirSync, writeFileSync } from 'node:fs';
import { startEnv, withSubjectBrowsers } from './env';
import { enginesFromEnv, type Engine } from './harness/e2e-page';
import { ALL, scenariosFor } from './matrix/plan';
import type { Scenario } from './matrix/scenarios';
import { GOAL, summarize, table } from './matrix/report';
import type { RunRecord } from './matrix/subjects';
import { formatWatchdog, noWatchdog } from './matrix/watchdog-counts';

const RUNS = Number(process.env.E2E_RUNS ?? 3);
/** E2E_RUNS, when set, for every scenario; else the scenario's own `runs`, else 3. */
const runsOf = (scenario: Scenario) => (process.env.E2E_RUNS ? RUNS : (scenario.runs ?? RUNS));

/**
 * What makes the matrix fail, in any engine: the library missing a scenario (each scenario's run
 * decides what `recovered` means for it), or the plain page no longer reproducing the fault where
 * the scenario says it must not recover (the 401 death, a stale track, a silent camera).
 */
function failures(records: RunRecord[]): string[] {
  const problems: string[] = [];
  for (const r of records.filter((x) => x.subject === 'library')) {
    const scenario = ALL.find((s) => s.name === r.scenario)!;
    const at = `library ${r.engine} ${r.scenario} run ${r.run}`;
    if (r.recovered !== scenario.libraryShouldRecover) problems.push(`${at}: recovered=${r.recovered} (${r.detail})`);
    if (r.escapedRejections > 0) problems.push(`${at}: ${r.escapedRejections} escaped rejections (${r.detail})`);
    if (r.removeTrackAlerts > 0) problems.push(`${at}: removeTrack alerts`);
    if (r.tokenLeaks > 0) problems.push(`${at}: ${r.tokenLeaks} token leaks (${r.detail})`);
  }
  for (const r of records.filter((x) => x.subject === 'baseline')) {
    const scenario = ALL.find((s) => s.name === r.scenario)!;
    if (scenario.baselineShouldRecover === false && r.recovered) problems.push(`baseline ${r.engine} ${r.scenario} run ${r.run} recovered: the fault was not reproduced on the plain page (${r.detail})`);
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
  watchdog: noWatchdog(),
  detail: `harness error: ${String(error)}`,
});

/** One engine's part: a fresh server, proxy, token endpoint and browsers, its scenarios × RUNS. */
async function runEngine(engine: Engine, records: RunRecord[]) {
  const env = await startEnv({ engine });
  console.log(`\n== ${engine}: subjects in ${env.browsers.library.version}, watcher in ${env.browsers.watcher.version}`);
  try {
    for (const scenario of scenariosFor(engine)) {
      // A scenario with flags of its own gets subject browsers of its own, for all its runs.
      const own = scenario.chromiumArgs && engine === 'chromium' ? await withSubjectBrowsers(env, scenario.chromiumArgs) : { env, close: async () => undefined };
      try {
        for (let run = 1; run <= runsOf(scenario); run++) {
          const t0 = Date.now();
          try {
            const result = await scenario.run(own.env, run);
            records.push(...result);
            for (const r of result) console.log(`[${engine}] ${r.scenario} #${r.run} ${r.subject}: recovered=${r.recovered} ${r.recoveryMs ?? '–'} ms${r.subject === 'library' ? ` watchdog=${formatWatchdog(r.watchdog)}` : ''}  ${r.detail}`);
          } catch (error) {
            console.log(`[${engine}] ${scenario.name} #${run}: harness error ${String(error)}`);
            records.push(harnessError(engine, scenario.name, run, error));
          }
          console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        }
      } finally {
        await own.close();
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
  const summary = summarize(records, ALL);
  writeFileSync('e2e/results/matrix.json', `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, runsPerScenario: Object.fromEntries(ALL.map((s) => [s.name, runsOf(s)])), seconds: Math.round((Date.now() - started) / 1000), engines, summary, records }, null, 2)}\n`);
  for (const g of summary.goals) console.log(`goal [${g.engine}] ${g.scenario}: median ≤ ${GOAL.medianMs} ms ${g.medianMet ? 'met' : 'MISSED'}, worst ≤ ${GOAL.worstMs} ms ${g.worstMet ? 'met' : 'MISSED'}, not slower than the plain page ${g.notSlowerThanPlainPage ? 'yes' : 'NO'}`);
  for (const e of engines) console.log(`${e.engine}: ${e.scenarios.length} scenarios in ${e.seconds} s (${e.subjects})`);
  const w = summary.watchdog;
  console.log(`watchdog (stale/resub/restart/reconnect/recovered/quality) over ${w.libraryRuns} library runs: ${formatWatchdog(w.inMediaFaultScenarios)} in media-fault scenarios, ${formatWatchdog(w.elsewhere)} elsewhere (false positives)`);
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
