// The matrix's summary (matrix.json) and its console table, from the run records.
import type { Engine } from '../harness/e2e-page';
import { median } from './measure';
import type { Scenario } from './scenarios';
import type { RunRecord } from './subjects';
import { formatWatchdog, sumWatchdog, type WatchdogCounts } from './watchdog-counts';
import { stepProblems } from './media-setup-judge';
import { mediaSetupTable } from './media-setup-report';

/** Goals of "back within a second of the network": median and worst ms, and never slower than the plain page. */
export const GOAL = { medianMs: 1_000, worstMs: 2_500 };

interface Summary {
  engine: Engine;
  scenario: string;
  subject: string;
  recovered: string;
  medianMs: number | null;
  worstMs: number | null;
  /** Median of the subject's own "back" (see RunRecord.backMs). */
  backMedianMs: number | null;
  /** Totals over the runs (library; the plain page has none). */
  watchdog: WatchdogCounts;
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

/**
 * Per engine/scenario/subject rows, the goals, and how often the watchdog acted in the whole
 * matrix: in scenarios that play a media fault (expected) and in all the others (false positives).
 */
export function summarize(records: RunRecord[], all: Scenario[]) {
  const rows: Summary[] = groups(records).map(({ engine, scenario, subject, runs }) => {
    const times = timesOf(runs);
    const back = runs.map((r) => r.backMs).filter((t): t is number => t !== null);
    return { engine, scenario, subject, recovered: `${runs.filter((r) => r.recovered).length}/${runs.length}`, medianMs: median(times), worstMs: times.length ? Math.max(...times) : null, backMedianMs: median(back), watchdog: sumWatchdog(runs.map((r) => r.watchdog)) };
  });
  const faulted = new Set(all.filter((s) => s.mediaFault).map((s) => s.name));
  const goals = rows
    .filter((r) => r.subject === 'library' && r.medianMs !== null && !faulted.has(r.scenario))
    .map((lib) => {
      const base = rows.find((r) => r.engine === lib.engine && r.scenario === lib.scenario && r.subject === 'baseline');
      const notSlower = base?.medianMs == null || lib.medianMs! <= base.medianMs;
      return { engine: lib.engine, scenario: lib.scenario, medianMet: lib.medianMs! <= GOAL.medianMs, worstMet: (lib.worstMs ?? 0) <= GOAL.worstMs, notSlowerThanPlainPage: notSlower };
    });
  const library = records.filter((r) => r.subject === 'library');
  const watchdog = {
    libraryRuns: library.length,
    inMediaFaultScenarios: sumWatchdog(library.filter((r) => faulted.has(r.scenario)).map((r) => r.watchdog)),
    /** Firings where no media fault was played: false positives (or media that really died during a reconnect: see the timeline). */
    elsewhere: sumWatchdog(library.filter((r) => !faulted.has(r.scenario)).map((r) => r.watchdog)),
  };
  // Issue 18: library vs plain page, step by step, with the checks each step failed (the library must fail none).
  const mediaSetup = records
    .filter((r) => r.mediaSetup?.length)
    .map((r) => ({ engine: r.engine, subject: r.subject, run: r.run, steps: r.mediaSetup!.map((s) => ({ ...s, problems: stepProblems(s) })) }));
  return { goal: GOAL, rows, goals, watchdog, mediaSetup };
}

export function table(records: RunRecord[]): string {
  const rows = [
    '| engine | scenario | subject | recovered | median ms | worst ms | own back (median ms) | escaped rejections | alerts (removeTrack) | token leaks | browser net-log lines with token | watchdog: stale/resub/restart/reconnect/recovered/quality |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { engine, scenario, subject, runs } of groups(records)) {
    const times = timesOf(runs);
    const sum = (f: (r: RunRecord) => number) => runs.reduce((s, r) => s + f(r), 0);
    const back = median(runs.map((r) => r.backMs).filter((t): t is number => t !== null));
    const watchdog = subject === 'library' ? formatWatchdog(sumWatchdog(runs.map((r) => r.watchdog))) : '–';
    rows.push(
      `| ${engine} | ${scenario} | ${subject} | ${runs.filter((r) => r.recovered).length}/${runs.length} | ${median(times) ?? '–'} | ${times.length ? Math.max(...times) : '–'} | ${back ?? '–'} | ${sum((r) => r.escapedRejections)} | ${sum((r) => r.alerts)} (${sum((r) => r.removeTrackAlerts)}) | ${sum((r) => r.tokenLeaks)} | ${sum((r) => r.browserNetLogLeaks)} | ${watchdog} |`,
    );
  }
  const media = mediaSetupTable(records);
  return media ? `${rows.join('\n')}\n\nmedia-setup-across-reconnects, after each step:\n\n${media}` : rows.join('\n');
}
