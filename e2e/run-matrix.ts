import { mkdirSync, writeFileSync } from 'node:fs';
import { startEnv } from './env';
import { median } from './matrix/measure';
import { migration, nodeFailure, serverLeave, serverRestart, tokenOutage, type Scenario } from './matrix/scenarios';
import { answersDropped, removeParticipant, toggleStorm } from './matrix/scenarios-media';
import { twoNodes } from './matrix/scenario-cluster';
import { cutPastSdkBudget, shortCut, tokenEndpointDownThenCut, twoServerLeaves } from './matrix/scenarios-timing';
import type { RunRecord } from './matrix/subjects';

const ALL: Scenario[] = [
  tokenOutage,
  shortCut,
  tokenEndpointDownThenCut,
  cutPastSdkBudget,
  serverRestart,
  nodeFailure,
  migration,
  serverLeave,
  twoServerLeaves,
  toggleStorm,
  answersDropped,
  removeParticipant,
  twoNodes,
];
const RUNS = Number(process.env.E2E_RUNS ?? 3);
const ONLY = process.env.E2E_ONLY?.split(',');

/** Goals of "back within a second of the network": median and worst ms, and never slower than the plain page. */
const GOAL = { medianMs: 1_000, worstMs: 2_500 };

interface Summary {
  scenario: string;
  subject: string;
  recovered: string;
  medianMs: number | null;
  worstMs: number | null;
  /** Median of the subject's own "back" (see RunRecord.backMs). */
  backMedianMs: number | null;
}

function summarize(records: RunRecord[]) {
  const rows: Summary[] = [];
  for (const key of [...new Set(records.map((r) => `${r.scenario}|${r.subject}`))]) {
    const [scenario, subject] = key.split('|') as [string, string];
    const runs = records.filter((r) => r.scenario === scenario && r.subject === subject);
    const times = runs.map((r) => r.recoveryMs).filter((t): t is number => t !== null);
    const back = runs.map((r) => r.backMs).filter((t): t is number => t !== null);
    rows.push({ scenario, subject, recovered: `${runs.filter((r) => r.recovered).length}/${runs.length}`, medianMs: median(times), worstMs: times.length ? Math.max(...times) : null, backMedianMs: median(back) });
  }
  const goals = [...new Set(rows.map((r) => r.scenario))].flatMap((scenario) => {
    const lib = rows.find((r) => r.scenario === scenario && r.subject === 'library');
    const base = rows.find((r) => r.scenario === scenario && r.subject === 'baseline');
    if (!lib || lib.medianMs === null) return [];
    const notSlower = base?.medianMs == null || lib.medianMs <= base.medianMs;
    return [{ scenario, medianMet: lib.medianMs <= GOAL.medianMs, worstMet: (lib.worstMs ?? 0) <= GOAL.worstMs, notSlowerThanPlainPage: notSlower }];
  });
  return { goal: GOAL, rows, goals };
}

function table(records: RunRecord[]): string {
  const rows = ['| scenario | subject | recovered | median ms | worst ms | own back (median ms) | escaped rejections | alerts (removeTrack) | token leaks | browser net-log lines with token |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  const keys = [...new Set(records.map((r) => `${r.scenario}|${r.subject}`))];
  for (const key of keys) {
    const [scenario, subject] = key.split('|');
    const runs = records.filter((r) => r.scenario === scenario && r.subject === subject);
    const times = runs.map((r) => r.recoveryMs).filter((t): t is number => t !== null);
    const sum = (f: (r: RunRecord) => number) => runs.reduce((s, r) => s + f(r), 0);
    const back = median(runs.map((r) => r.backMs).filter((t): t is number => t !== null));
    rows.push(
      `| ${scenario} | ${subject} | ${runs.filter((r) => r.recovered).length}/${runs.length} | ${median(times) ?? '–'} | ${times.length ? Math.max(...times) : '–'} | ${back ?? '–'} | ${sum((r) => r.escapedRejections)} | ${sum((r) => r.alerts)} (${sum((r) => r.removeTrackAlerts)}) | ${sum((r) => r.tokenLeaks)} | ${sum((r) => r.browserNetLogLeaks)} |`,
    );
  }
  return rows.join('\n');
}

/** What makes the matrix fail: the library missing a scenario, or the baseline no longer dying in scenario 1. */
function failures(records: RunRecord[]): string[] {
  const problems: string[] = [];
  for (const r of records.filter((x) => x.subject === 'library')) {
    const scenario = ALL.find((s) => s.name === r.scenario)!;
    if (r.recovered !== scenario.libraryShouldRecover) problems.push(`library ${r.scenario} run ${r.run}: recovered=${r.recovered} (${r.detail})`);
    if (r.escapedRejections > 0) problems.push(`library ${r.scenario} run ${r.run}: ${r.escapedRejections} escaped rejections (${r.detail})`);
    if (r.removeTrackAlerts > 0) problems.push(`library ${r.scenario} run ${r.run}: removeTrack alerts`);
    if (r.tokenLeaks > 0) problems.push(`library ${r.scenario} run ${r.run}: ${r.tokenLeaks} token leaks`);
  }
  for (const r of records.filter((x) => x.subject === 'baseline' && x.scenario === tokenOutage.name)) {
    if (r.recovered) problems.push(`baseline ${r.scenario} run ${r.run} recovered: the 401 death was not reproduced (${r.detail})`);
  }
  return problems;
}

async function main() {
  const started = Date.now();
  const records: RunRecord[] = [];
  const env = await startEnv();
  try {
    for (const scenario of ALL.filter((s) => !ONLY || ONLY.includes(s.name))) {
      for (let run = 1; run <= RUNS; run++) {
        const t0 = Date.now();
        try {
          const result = await scenario.run(env, run);
          records.push(...result);
          for (const r of result) console.log(`${r.scenario} #${r.run} ${r.subject}: recovered=${r.recovered} ${r.recoveryMs ?? '–'} ms  ${r.detail}`);
        } catch (error) {
          console.log(`${scenario.name} #${run}: harness error ${String(error)}`);
          records.push({ scenario: scenario.name, subject: 'library', run, recovered: false, recoveryMs: null, backMs: null, escapedRejections: 0, alerts: 0, removeTrackAlerts: 0, tokenLeaks: 0, browserNetLogLeaks: 0, detail: `harness error: ${String(error)}` });
        }
        console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
    }
  } finally {
    await env.close();
  }
  mkdirSync('e2e/results', { recursive: true });
  const summary = summarize(records);
  writeFileSync('e2e/results/matrix.json', `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, seconds: Math.round((Date.now() - started) / 1000), summary, records }, null, 2)}\n`);
  for (const g of summary.goals) console.log(`goal ${g.scenario}: median ≤ ${GOAL.medianMs} ms ${g.medianMet ? 'met' : 'MISSED'}, worst ≤ ${GOAL.worstMs} ms ${g.worstMet ? 'met' : 'MISSED'}, not slower than the plain page ${g.notSlowerThanPlainPage ? 'yes' : 'NO'}`);
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
