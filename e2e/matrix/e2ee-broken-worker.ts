// `e2ee-across-reconnects`, second part: a fresh library page whose E2EE worker fails (page/e2ee.ts:
// `reports` an error for every message, or `throws`) must fail closed: `failed` with `e2ee-failed`,
// one alert from the controller, nothing published.
import { mkdirSync, writeFileSync } from 'node:fs';
import { sleep, waitFor } from '../harness/proc';
import { pageCall, type E2EEnv } from '../env';
import type { BrokenWorkerOutcome, EncryptionTally, FailingWorker } from './e2ee-judge';

export const FAILING_WORKERS: FailingWorker[] = ['reports', 'throws'];
export const failingIdentity = (worker: FailingWorker, room: string) => `${worker}-${room}`;
import { keyLeaksOf, openE2EEPage } from './e2ee-pages';

/** After `failed`: long enough for a second alert or a late publish to show (the server poll runs every 250 ms). */
const AFTER_FAILED_MS = 2_000;

interface Kept {
  status: string;
  lastError: { code?: string } | null;
  actions: { at: number; type: string; payload?: unknown }[];
  alerts: { kind: string; code?: string; count?: number }[];
  /** Alerts installCallErrorFilter sent (uncaught errors of the page), of `alerts`. */
  filterAlerts: number;
  escaped: number;
}

const keptOf = (page: Parameters<typeof keyLeaksOf>[0]) =>
  page.evaluate(() => {
    const api = (window as unknown as { __e2e: { state(): { status: string; lastError: { code?: string } | null }; filterAlerts: unknown[]; actions: { at: number; action: { type: string; payload?: unknown } }[]; alerts: { kind: string; code?: string; count?: number }[] } }).__e2e;
    const st = api.state();
    const actions = api.actions.map((a) => ({ at: a.at, type: a.action.type, payload: a.action.payload }));
    return { status: st.status, lastError: st.lastError, actions, alerts: api.alerts, filterAlerts: api.filterAlerts.length, escaped: (window as unknown as { __escaped: string[] }).__escaped.length } as Kept;
  });

/** Plays the page in `room` (the poll's `tally` covers `identity`); `timeline`: where its actions and alerts go. */
export async function playBrokenWorker(env: E2EEnv, worker: FailingWorker, room: string, key: string, identity: string, tally: EncryptionTally, timeline: string): Promise<{ outcome: BrokenWorkerOutcome; keyLeaks: number }> {
  const page = await openE2EEPage(env, 'library', key, { role: 'library', room, identity, worker });
  try {
    const joined = Date.now();
    await pageCall(page, 'join');
    const failedAt = await waitFor('failing-worker page failed', async () => (await keptOf(page)).status === 'failed' && Date.now(), 20_000, 100).catch(() => null);
    await sleep(AFTER_FAILED_MS);
    const kept = await keptOf(page);
    const lines = [...kept.actions.map((a) => `${a.at - joined} ${a.type} ${a.payload === undefined ? '' : JSON.stringify(a.payload)}`), ...kept.alerts.map((a) => `alert ${JSON.stringify(a)}`)];
    writeFileSync(timeline, lines.join('\n'));
    const outcome: BrokenWorkerOutcome = {
      worker,
      status: kept.status,
      errorCode: kept.lastError?.code ?? null,
      alerts: kept.alerts.length,
      filterAlerts: kept.filterAlerts,
      failedAfterMs: failedAt === null ? null : failedAt - joined,
      tally, // the poll's own: final once the poll stops
      escaped: kept.escaped,
    };
    return { outcome, keyLeaks: (await keyLeaksOf(page, key)) + (lines.join('\n').split(key).length - 1) };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Both failing workers at once, in `room`: each page fails within ~2 s, then waits to see nothing more. */
export async function playFailingWorkers(env: E2EEnv, room: string, key: string, tally: (identity: string) => EncryptionTally, timelinePrefix: string) {
  mkdirSync('e2e/results/timelines', { recursive: true });
  const played = await Promise.all(FAILING_WORKERS.map((w) => playBrokenWorker(env, w, room, key, failingIdentity(w, room), tally(failingIdentity(w, room)), `${timelinePrefix}-worker-${w}.txt`)));
  return { outcomes: played.map((p) => p.outcome), keyLeaks: played.reduce((n, p) => n + p.keyLeaks, 0) };
}
